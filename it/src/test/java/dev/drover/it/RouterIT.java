package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code drover router} in front of real apps (issue 12): a process app (busybox httpd) and a Docker app (busybox
 * httpd in BRIDGE) reachable through the router by service port and by Host header; a rolling restart under a steady
 * request load fails no request; a killed instance (kill -9) leaves the router's pool within its health-check
 * interval, with no request failing meanwhile. One
 * cluster (ZooKeeper, master, agent, apps, router — each its own JVM) serves every test of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEALTH_INTERVAL_SECONDS = 2;
  private ProcessCluster cluster;
  private AppsClient apps;
  private int http;
  private int status;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = ProcessCluster.start("router");
    cluster.master("master");
    cluster.agent("agent", "cpus:8;mem:4096;disk:1024;ports:[31000-31999]");
    apps = AppsClient.start(cluster, "router", "apps");
    Await.until("the apps framework leads", TIMEOUT, apps::leading);
    http = Await.freePort();
    status = Await.freePort();
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("router");
    cluster.keep(DroverProcess.start("router", logs, "router", "--zk", cluster.zk(), "--zk-session-timeout", "2s",
        "--bind", "127.0.0.1", "--http-port", Integer.toString(http), "--status-port", Integer.toString(status),
        "--http-instances", "2"));
    Await.until("the router follows the apps framework", TIMEOUT,
        () -> statusJson().map(s -> s.path("apps").path("connected").asBoolean()).orElse(false));
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A busybox httpd process app answering its task id, with an HTTP health check every 2 s. */
  private String processApp(String id, int instances, int servicePort, String vhost) {
    return ("{'id': '" + id + "', 'instances': " + instances + ", 'cpus': 0.1, 'mem': 16,"
        + " 'cmd': 'mkdir -p www && echo $DROVER_TASK_ID > www/index.html && exec busybox httpd -f -p $PORT0 -h www',"
        + " 'portDefinitions': [{'port': " + servicePort + ", 'protocol': 'tcp', 'name': 'http'}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': '" + vhost + "'},"
        + " 'upgradeStrategy': {'minimumHealthCapacity': 1, 'maximumOverCapacity': 1},"
        + " 'healthChecks': [{'protocol': 'HTTP', 'path': '/', 'portIndex': 0, 'gracePeriodSeconds': 30,"
        + " 'intervalSeconds': " + HEALTH_INTERVAL_SECONDS + ", 'timeoutSeconds': 1, 'maxConsecutiveFailures': 3,"
        + " 'delaySeconds': 0}]}").replace('\'', '"');
  }

  @Test
  void aProcessAppAndADockerAppAreReachableByServicePortAndByHostHeader() throws Exception {
    int procPort = Await.freePort();
    assertEquals(201, apps.call("POST", "/v2/apps", processApp("/rt/proc", 2, procPort, "proc.test")).statusCode());
    Await.until("both process instances running", TIMEOUT, () -> apps.running("/rt/proc").size() == 2);
    Set<String> procTasks = taskIds("/rt/proc");
    Await.until("both instances answer through the Host header", TIMEOUT,
        () -> answers(() -> get(http, "proc.test", "/"), 8).equals(procTasks));
    Await.until("both instances answer through the service port", TIMEOUT,
        () -> answers(() -> get(procPort, "whatever", "/"), 8).equals(procTasks));

    if (DockerCondition.Cli.run(List.of("docker", "image", "inspect", DockerCondition.IMAGE)) == null) {
      System.out.println("RouterIT: no Docker engine with " + DockerCondition.IMAGE + "; the Docker app is skipped");
      return;
    }
    int dockerPort = Await.freePort();
    assertEquals(201, apps.call("POST", "/v2/apps", ("{'id': '/rt/docker', 'instances': 1, 'cpus': 0.1, 'mem': 32,"
        + " 'cmd': 'mkdir -p /www && echo hello-$DROVER_TASK_ID > /www/index.html && exec httpd -f -p 80 -h /www',"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'docker.test,www.docker.test'},"
        + " 'container': {'type': 'DOCKER', 'docker': {'image': '" + DockerCondition.IMAGE + "', 'network': 'BRIDGE'},"
        + " 'portMappings': [{'containerPort': 80, 'hostPort': 0, 'servicePort': " + dockerPort + ","
        + " 'protocol': 'tcp'}]}}").replace('\'', '"')).statusCode());
    Await.until("the Docker instance running", TIMEOUT, () -> apps.running("/rt/docker").size() == 1);
    String expected = "hello-" + apps.running("/rt/docker").get(0).path("id").asText();
    Await.until("the Docker app answers through its Host header", TIMEOUT,
        () -> get(http, "www.docker.test", "/").equals(Optional.of(expected)));
    Await.until("the Docker app answers through its service port", TIMEOUT,
        () -> get(dockerPort, "x", "/").equals(Optional.of(expected)));
    assertTrue(procTasks.contains(get(http, "proc.test", "/").orElse("")), "the process app is still routed");
  }

  @Test
  void aRollingRestartUnderSteadyLoadFailsNoRequest() throws Exception {
    int port = Await.freePort();
    assertEquals(201, apps.call("POST", "/v2/apps", processApp("/rt/rolling", 2, port, "rolling.test"))
        .statusCode());
    Await.until("two healthy instances", TIMEOUT, () -> healthy("/rt/rolling") == 2);
    Set<String> before = taskIds("/rt/rolling");
    Await.until("both routed", TIMEOUT, () -> answers(() -> get(http, "rolling.test", "/"), 8).equals(before));

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    Set<String> servedBy = ConcurrentHashMap.newKeySet();
    Thread[] load = new Thread[2];
    for (int k = 0; k < load.length; k++) {
      boolean byHost = k == 0;
      load[k] = new Thread(() -> {
        while (running.get()) {
          Optional<String> r = byHost ? get(http, "rolling.test", "/") : get(port, "x", "/");
          if (r.isPresent() && r.get().startsWith("rt_rolling")) {
            ok.incrementAndGet();
            servedBy.add(r.get());
          } else {
            failures.merge((byHost ? "host: " : "port: ") + r.orElse("no answer"), 1, Integer::sum);
          }
        }
      }, "load-" + k);
      load[k].start();
    }
    Await.until("some load before the restart", TIMEOUT, () -> ok.get() > 50);
    assertEquals(200, apps.call("POST", "/v2/apps/rt/rolling/restart", null).statusCode());
    Await.until("the restart done: two new healthy instances, the old ones gone", TIMEOUT, () -> {
      Set<String> now = taskIds("/rt/rolling");
      return now.size() == 2 && now.stream().noneMatch(before::contains) && healthy("/rt/rolling") == 2
          && apps.get("/v2/deployments").isEmpty();
    });
    Set<String> after = taskIds("/rt/rolling");
    Await.until("the new instances serve", TIMEOUT, () -> servedBy.containsAll(after));
    running.set(false);
    for (Thread t : load) {
      t.join();
    }
    System.out.printf("RouterIT: rolling restart under load: %d requests, failures %s%n", ok.get(), failures);
    assertEquals(Map.of(), failures, "no request failed during the rolling restart");
    assertTrue(servedBy.containsAll(before), "the old instances served before the restart");
  }

  @Test
  void aKilledInstanceStopsReceivingTrafficWithinItsHealthCheckInterval() throws Exception {
    int port = Await.freePort();
    assertEquals(201, apps.call("POST", "/v2/apps", processApp("/rt/victim", 2, port, "victim.test"))
        .statusCode());
    Await.until("two healthy instances", TIMEOUT, () -> healthy("/rt/victim") == 2);
    Set<String> tasks = taskIds("/rt/victim");
    Await.until("both routed", TIMEOUT, () -> answers(() -> get(http, "victim.test", "/"), 8).equals(tasks));
    JsonNode victim = apps.running("/rt/victim").get(0);
    String victimId = victim.path("id").asText();
    int victimPort = victim.path("ports").get(0).asInt();
    ProcessHandle httpd = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("httpd -f -p " + victimPort + " ")).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no busybox httpd on port " + victimPort));
    AtomicBoolean running = new AtomicBoolean(true);
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    AtomicInteger ok = new AtomicInteger();
    Thread load = new Thread(() -> {
      while (running.get()) {
        Optional<String> r = get(http, "victim.test", "/");
        if (r.isPresent() && r.get().startsWith("rt_victim")) {
          ok.incrementAndGet();
        } else {
          failures.merge(r.orElse("no answer"), 1, Integer::sum);
        }
      }
    }, "load");
    load.start();
    Await.until("some load", TIMEOUT, () -> ok.get() > 20);
    long killedAt = System.nanoTime();
    assertTrue(httpd.destroyForcibly(), "kill -9 of the instance's httpd");
    Await.until("the router stops routing to the killed instance", TIMEOUT,
        () -> !routedTasks("victim.test").contains(victimId));
    long droppedMs = (System.nanoTime() - killedAt) / 1_000_000;
    Await.until("the apps framework reports it gone", TIMEOUT, () -> !taskIds("/rt/victim").contains(victimId));
    running.set(false);
    load.join();
    System.out.printf("RouterIT: killed instance out of the pool %d ms after kill -9; %d requests, failures %s%n",
        droppedMs, ok.get(), failures);
    assertTrue(droppedMs <= HEALTH_INTERVAL_SECONDS * 1000L,
        "out of the pool within the health-check interval (" + HEALTH_INTERVAL_SECONDS + " s): " + droppedMs + " ms");
    assertEquals(Map.of(), failures, "no request failed: a refused connection is retried on the other instance");
    for (int k = 0; k < 10; k++) {
      Optional<String> r = get(http, "victim.test", "/");
      assertTrue(r.isPresent() && !r.get().equals(victimId) && r.get().startsWith("rt_victim"), "answer " + r);
    }
  }

  // ---- helpers ----

  private Set<String> taskIds(String appId) {
    Set<String> ids = new HashSet<>();
    apps.running(appId).forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  private int healthy(String appId) {
    int n = 0;
    for (JsonNode t : apps.running(appId)) {
      JsonNode h = t.path("healthCheckResults");
      n += h.size() > 0 && h.get(0).path("alive").asBoolean() ? 1 : 0;
    }
    return n;
  }

  private Set<String> routedTasks(String host) {
    Set<String> ids = new HashSet<>();
    statusJson().ifPresent(s -> s.path("http").forEach(r -> {
      if (r.path("host").asText().equals(host)) {
        r.path("backends").forEach(b -> {
          if (!b.path("ejected").asBoolean()) {
            ids.add(b.path("taskId").asText());
          }
        });
      }
    }));
    return ids;
  }

  private Optional<JsonNode> statusJson() {
    return get(status, "status", "/status.json").flatMap(s -> {
      try {
        return Optional.of(JSON.readTree(s));
      } catch (IOException e) {
        return Optional.empty();
      }
    });
  }

  private static Set<String> answers(java.util.function.Supplier<Optional<String>> request, int n) {
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < n; k++) {
      request.get().ifPresent(seen::add);
    }
    return seen;
  }

  /** One HTTP/1.1 request on a new connection: the body of a 200, or empty (any other answer, or none). */
  static Optional<String> get(int port, String host, String path) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int body = all.indexOf("\r\n\r\n");
      if (!all.startsWith("HTTP/1.") || all.length() < 12 || !all.substring(9, 12).equals("200") || body < 0) {
        return Optional.empty();
      }
      return Optional.of(all.substring(body + 4).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
