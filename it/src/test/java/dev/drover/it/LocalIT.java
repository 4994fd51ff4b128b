package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover local} as a user runs it: one JVM started with the CLI's {@code local} command on free ports and a
 * temporary work dir. It must answer {@code GET /api/v1/state} with two agents (distinct ids, names and work dirs)
 * within 30 s, run the apps and jobs frameworks, print URLs that are the real ones, spread an app over its agents by
 * their {@code name} attribute, and stop everything, tasks included, on SIGTERM.
 */
class LocalIT {
  private static final Duration AGENTS_DEADLINE = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  void localAnswersWithTwoNamedAgentsPrintsItsUrlsAndStopsOnSigterm() throws Exception {
    int zkPort = Await.freePort();
    int httpPort = LocalBanner.freePortPair();
    int appsPort = Await.freePort();
    int jobsPort = Await.freePort();
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("local");
    Files.deleteIfExists(logs.resolve("local.log"));
    long started = System.nanoTime();
    try (DroverProcess local = DroverProcess.start("local", logs, "local", "--zk-port", Integer.toString(zkPort),
        "--http-port", Integer.toString(httpPort), "--agent-port", "0", "--apps-port", Integer.toString(appsPort),
        "--jobs-port", Integer.toString(jobsPort), "--work-dir", work.toString())) {
      String stateUrl = "http://127.0.0.1:" + httpPort + "/api/v1/state";
      AtomicReference<JsonNode> state = new AtomicReference<>();
      Await.until("GET " + stateUrl + " shows 2 agents", AGENTS_DEADLINE, () -> {
        state.set(LocalBanner.getJson(stateUrl));
        return state.get().path("agents").size() == 2;
      });
      long agentsMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("LocalIT: drover local answered /api/v1/state with 2 agents %d ms after start%n", agentsMs);

      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode a : state.get().path("agents")) {
        assertEquals("127.0.0.1", a.path("hostname").asText(), "the hostname stays the bind address: " + a);
        byName.put(a.path("attributes").path("name").asText(), a);
      }
      assertEquals(Set.of("agent-1", "agent-2"), byName.keySet(), "distinct names: " + state.get().path("agents"));
      Set<String> ids = new HashSet<>();
      for (String name : byName.keySet()) {
        String id = byName.get(name).path("id").asText();
        ids.add(id);
        assertEquals(id, Files.readString(work.resolve(name).resolve("meta/agent-id")).trim(),
            name + " keeps its own work dir " + work.resolve(name));
      }
      assertEquals(2, ids.size(), "distinct ids: " + ids);

      LocalBanner banner = LocalBanner.await(local.log(), TIMEOUT);
      System.out.printf("LocalIT: banner printed %d ms after start%n", (System.nanoTime() - started) / 1_000_000);
      assertEquals("127.0.0.1:" + zkPort + "/drover", banner.line("ZooKeeper"));
      assertEquals("http://127.0.0.1:" + httpPort, banner.url("master"));
      assertTrue(banner.line("master").endsWith("state: " + stateUrl), banner.line("master"));
      assertEquals("http://127.0.0.1:" + appsPort, banner.url("apps"));
      assertEquals("http://127.0.0.1:" + jobsPort, banner.url("jobs"));
      assertEquals(work.toRealPath().toString(), Path.of(banner.line("work dir")).toRealPath().toString());
      for (String name : byName.keySet()) {
        JsonNode agent = byName.get(name);
        assertEquals("http://127.0.0.1:" + agent.path("port").asInt(), banner.url(name), name + "'s printed URL");
        assertTrue(banner.line(name).endsWith("id " + agent.path("id").asText()), banner.line(name));
        assertEquals(agent.path("id").asText(), LocalBanner.getJson(banner.url(name) + "/state").path("id").asText());
      }
      assertEquals("pong", LocalBanner.get(banner.url("apps") + "/ping"));
      assertEquals("pong", LocalBanner.get(banner.url("jobs") + "/ping"));
      assertEquals("[]", LocalBanner.getJson(banner.url("jobs") + "/v1/jobs").toString(), "the jobs API answers");
      Await.until("both frameworks subscribe", TIMEOUT, () -> {
        Set<String> names = new HashSet<>();
        LocalBanner.getJson(stateUrl).path("frameworks").forEach(f -> names.add(f.path("name").asText()));
        return names.equals(Set.of("apps", "jobs"));
      });

      String app = """
          {"id": "/local-spread", "cmd": "sleep 600", "cpus": 0.1, "mem": 16, "instances": 2,
           "constraints": [["name", "UNIQUE"]]}""";
      assertEquals(201, LocalBanner.post(banner.url("apps") + "/v2/apps", app), "POST /v2/apps " + app);
      Await.until("the app runs once on each agent", TIMEOUT, () -> {
        JsonNode tasks = LocalBanner.getJson(stateUrl).path("tasks");
        Set<String> agents = new HashSet<>();
        tasks.forEach(t -> agents.add(t.path("state").asText().equals("TASK_RUNNING") ? t.path("agentId").asText()
            : "not running"));
        return agents.equals(ids);
      });
      List<ProcessHandle> tasks = ProcessHandle.of(local.pid()).orElseThrow().descendants().toList();
      assertTrue(tasks.size() >= 2, "the tasks run as processes under drover local: " + tasks);

      long stopping = System.nanoTime();
      ProcessHandle.of(local.pid()).orElseThrow().destroy();  // SIGTERM
      Await.until("drover local exits on SIGTERM", TIMEOUT, () -> !local.isAlive());
      System.out.printf("LocalIT: stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
      Await.until("its tasks are gone", TIMEOUT, () -> tasks.stream().noneMatch(ProcessHandle::isAlive));
      for (int port : List.of(zkPort, httpPort, httpPort + 1, appsPort, jobsPort,
          URI.create(banner.url("agent-1")).getPort(), URI.create(banner.url("agent-2")).getPort())) {
        assertTrue(!listening(port), "nothing listens on " + port + " any more");
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
