package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.model.TaskState;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover keeps every task: two frameworks hold long-running tasks on two agents (each framework on both); the
 * leading master is killed with kill -9; the new leader recovers the registry, both agents re-register with their
 * tasks, both frameworks re-subscribe with their ids, no task is reported lost, and a kill flows end to end.
 */
class MasterFailoverKeepsTasksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<TaskState> BAD = Set.of(TaskState.LOST, TaskState.UNREACHABLE, TaskState.GONE,
      TaskState.UNKNOWN, TaskState.FAILED, TaskState.KILLED, TaskState.DROPPED, TaskState.ERROR);

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closers.size() - 1; i >= 0; i--) {
      closers.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    closers.add(closeable);
    return closeable;
  }

  @Test
  void killingTheLeaderLosesNoTaskOfTwoFrameworks() throws Exception {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("failover-keeps-tasks");
    Path work = Files.createTempDirectory("drover-it");
    int zkPort = Await.freePort();
    keep(DroverProcess.start("zk", logs, "zk", "--port", Integer.toString(zkPort),
        "--data-dir", work.resolve("zk").toString(), "--tick-time", "200"));
    String zk = "127.0.0.1:" + zkPort + "/drover";
    List<DroverProcess> masters = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      masters.add(keep(DroverProcess.start("master-" + i, logs, "master", "--zk", zk, "--hostname", "127.0.0.1",
          "--bind", "127.0.0.1", "--http-port", Integer.toString(Await.freePort()),
          "--grpc-port", Integer.toString(Await.freePort()), "--zk-session-timeout", "2s")));
    }
    for (int i = 1; i <= 2; i++) {
      keep(DroverProcess.start("agent-" + i, logs, "agent", "--zk", zk, "--hostname", "127.0.0.1",
          "--bind", "127.0.0.1", "--http-port", Integer.toString(Await.freePort()),
          "--work-dir", work.resolve("agent-" + i).toString(),
          "--resources", "cpus:2;mem:1024;disk:1024;ports:[" + (32000 + i * 100) + "-" + (32099 + i * 100) + "]",
          "--zk-session-timeout", "2s"));
    }
    CuratorFramework client = keep(ZkClients.start(zk, Duration.ofSeconds(5)));
    LeaderTracker leaders = keep(new LeaderTracker(client, ZkPaths.MASTER_LEADER).start());
    Await.until("a master leads and both agents are registered", TIMEOUT, () -> activeAgents(leaders) == 2);
    LeaderInfo first = leaders.leader().orElseThrow();

    Map<String, SpreadingScheduler> schedulers = new HashMap<>();
    Map<String, SchedulerDriver> drivers = new HashMap<>();
    for (String name : List.of("it-alpha", "it-beta")) {
      SpreadingScheduler s = new SpreadingScheduler();
      SchedulerDriver d = DroverSchedulerDriver.builder(s,
          FrameworkConfig.builder(name).failoverTimeout(Duration.ofMinutes(5)).build()).zk(zk).build();
      keep(d::stop);
      d.start();
      s.submit(name + "-1", "sleep 600");
      s.submit(name + "-2", "sleep 600");
      d.revive();
      schedulers.put(name, s);
      drivers.put(name, d);
    }
    for (SpreadingScheduler s : schedulers.values()) {
      for (String task : s.states.keySet()) {
        Await.until(task + " running", TIMEOUT, () -> s.latest(task) == TaskState.RUNNING);
      }
      assertEquals(2, new HashSet<>(s.agentOf.values()).size(), "each framework runs on both agents");
    }
    Map<String, String> frameworkIds = new HashMap<>();
    schedulers.forEach((name, s) -> frameworkIds.put(name, s.frameworkId));

    DroverProcess leader = masters.stream().filter(m -> logMentions(m, first.id())).findFirst().orElseThrow();
    leader.kill9();
    Await.until("another master leads", TIMEOUT,
        () -> leaders.leader().map(l -> !l.id().equals(first.id())).orElse(false));
    Await.until("both agents re-registered with the new leader", TIMEOUT, () -> activeAgents(leaders) == 2);
    for (SpreadingScheduler s : schedulers.values()) {
      Await.until("the framework re-subscribed", TIMEOUT, () -> s.reregistrations.get() >= 1);
      assertEquals(1, s.registrations.get(), "registered once, then re-subscribed with its id");
    }
    Await.until("the new leader shows all four tasks RUNNING", TIMEOUT, () -> runningTasks(leaders) == 4);
    JsonNode state = state(leaders);
    Set<String> subscribed = new HashSet<>();
    state.path("frameworks").forEach(f -> {
      if (f.path("active").asBoolean()) {
        subscribed.add(f.path("id").asText());
      }
    });
    assertEquals(new HashSet<>(frameworkIds.values()), subscribed, "both frameworks kept their ids");

    SpreadingScheduler alpha = schedulers.get("it-alpha");
    drivers.get("it-alpha").kill("it-alpha-1");
    Await.until("a kill through the new leader reached the task", TIMEOUT,
        () -> alpha.latest("it-alpha-1") == TaskState.KILLED);
    schedulers.forEach((name, s) -> s.states.forEach((task, seen) -> {
      List<TaskState> before = task.equals("it-alpha-1") ? seen.subList(0, seen.size() - 1) : seen;
      assertTrue(before.stream().noneMatch(BAD::contains), task + " was never reported lost: " + seen);
    }));

    for (Map.Entry<String, SpreadingScheduler> e : schedulers.entrySet()) {
      for (String task : e.getValue().states.keySet()) {
        if (e.getValue().latest(task) == TaskState.RUNNING) {
          drivers.get(e.getKey()).kill(task);
        }
      }
    }
    Await.until("every sleep 600 was killed", TIMEOUT, () -> schedulers.values().stream()
        .allMatch(s -> s.states.keySet().stream().allMatch(t -> s.latest(t) == TaskState.KILLED)));
  }

  private static boolean logMentions(DroverProcess p, String text) {
    try {
      return Files.exists(p.log()) && Files.readString(p.log()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private JsonNode state(LeaderTracker leaders) throws Exception {
    LeaderInfo leader = leaders.leader().orElseThrow(() -> new IllegalStateException("no leader yet"));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(leader.httpUrl() + "/api/v1/state")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("state answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private int activeAgents(LeaderTracker leaders) {
    try {
      int n = 0;
      for (JsonNode agent : state(leaders).path("agents")) {
        n += agent.path("active").asBoolean() ? 1 : 0;
      }
      return n;
    } catch (Exception e) {
      return -1;
    }
  }

  private int runningTasks(LeaderTracker leaders) {
    try {
      int n = 0;
      for (JsonNode task : state(leaders).path("tasks")) {
        n += "TASK_RUNNING".equals(task.path("state").asText()) ? 1 : 0;
      }
      return n;
    } catch (Exception e) {
      return -1;
    }
  }
}
