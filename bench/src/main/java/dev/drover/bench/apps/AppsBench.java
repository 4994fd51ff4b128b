package dev.drover.bench.apps;

import dev.drover.apps.AppsService;
import dev.drover.bench.BenchDoc;
import dev.drover.bench.launch.AgentFleet;
import dev.drover.bench.launch.LeanAgent;
import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import dev.drover.model.Resources;
import dev.drover.zk.EmbeddedZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The apps framework on the whole stack in one JVM: an embedded ZooKeeper, a real {@link Master}, lean simulated
 * agents ({@link AgentFleet}, tasks stay RUNNING) over real gRPC and a real {@link AppsService} (REST layer, engine,
 * ZkStateStore). (a) POST one app of {@code instances} (default 1,000) → all RUNNING as the REST layer reports them;
 * (b) {@code GET /v2/apps?embed=apps.tasks} with {@code apps} × {@code perApp} (default 1,000 × 10) RUNNING: p50 /
 * p99 / max over {@code requests} (default 200) after {@code warmup} (default 50). Rewrites {@code bench:apps} of
 * docs/benchmarks.md. Sizes: {@code -Dagents -Dinstances -Dapps -DperApp -Drequests -Dwarmup}.
 */
public final class AppsBench {
  static final Resources AGENT = Resources.parse("cpus:64;mem:65536;disk:65536;ports:[31000-32999]");

  private AppsBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.drover.apps"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    if (Boolean.getBoolean("bursts")) {  // the engine's bursts: writes persisted, snapshot, effects (ms)
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.drover.apps.engine.core"))
          .setLevel(ch.qos.logback.classic.Level.DEBUG);
    }
    int agents = Integer.getInteger("agents", 50);
    int instances = Integer.getInteger("instances", 1000);
    int apps = Integer.getInteger("apps", 1000);
    int perApp = Integer.getInteger("perApp", 10);
    int requests = Integer.getInteger("requests", 200);
    int warmup = Integer.getInteger("warmup", 50);
    int rounds = Integer.getInteger("rounds", 3);
    Path dir = Files.createTempDirectory("apps-bench");
    List<AutoCloseable> closers = new ArrayList<>();
    String region;
    try {
      EmbeddedZooKeeper zk = EmbeddedZooKeeper.start("127.0.0.1", 0, dir.resolve("zk"), 500);
      closers.add(zk);
      String connect = zk.connectString("/drover");
      Master master = Master.start(MasterConfig.defaults(connect).withHostname("127.0.0.1")
          .withBindAddress("127.0.0.1").withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(4))
          .withPingInterval(Duration.ofSeconds(15)).withHeartbeatInterval(Duration.ofSeconds(15)));
      closers.add(master);
      await("master leads", master::isLeader, 30_000);
      AgentFleet fleet = new AgentFleet(connect, Duration.ofSeconds(4), agents, AGENT, false,
          new LeanAgent.Listener() {});
      closers.add(fleet);
      fleet.start();
      await(agents + " agents registered", () -> fleet.registered() == agents, 60_000);
      AppsService service = AppsService.start(connect, Duration.ofSeconds(4), "127.0.0.1", 0, "127.0.0.1");
      closers.add(service);
      await("apps leads", service::isLeader, 30_000);
      Rest rest = new Rest("http://127.0.0.1:" + service.port());
      await("apps serves", () -> rest.status("/v2/apps") == 200, 30_000);
      rest.post("/v2/apps", Rest.app("/bench/warm", 1));  // the framework subscribes and gets its first offers
      await("the first app running", () -> {
        try {
          return rest.running() == 1;
        } catch (Exception e) {
          return false;
        }
      }, 60_000);
      rest.delete("/v2/apps/bench/warm?force=true");
      await("the first app gone", () -> rest.taskCount() == 0, 60_000);
      StringBuilder rows = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        rows.append(DeployRun.run(rest, "/bench/one-" + r, instances, r + 1));
        rest.delete("/v2/apps/bench/one-" + r + "?force=true");
        await("app one-" + r + " gone", () -> rest.taskCount() == 0, 120_000);
      }
      String list = ListRun.run(rest, apps, perApp, warmup, requests);
      region = String.format(Locale.ROOT, """
          One JVM, real gRPC on 127.0.0.1: an embedded ZooKeeper (tick 500 ms), one `Master` (allocation interval
          500 ms), %d lean simulated agents (`bench/…/launch/LeanAgent`, `cpus:64;mem:65536;ports:[31000-32999]`
          each; a launched task reports RUNNING and stays running) and one `AppsService` (`AppsService.start`: the
          REST layer, the real engine, `ZkStateStore` on the same ZooKeeper), driven over HTTP by the runner.

          ### (a) Deploy one app of %,d instances
          `POST /v2/apps` of one app (`sleep 600`, `cpus:0.01;mem:1`, one port) → all %,d instances
          `TASK_RUNNING`. Times are the tasks' own `stagedAt` (the offer round that placed them began) and
          `startedAt` (RUNNING seen by the engine) against the moment the POST was sent; the runner notices the end
          by polling `GET /v2/apps?id=…` (`tasksRunning`) every 10 ms. Then the app is deleted and the next round
          starts. The first round runs on a cold JIT. The engine persists every instance in ZooKeeper (STAGING
          before it launches, RUNNING before it acknowledges).

          | round | POST answered | POST → offer round (`stagedAt`) | POST → first RUNNING | POST → all RUNNING | **launches/s** | load average |
          |---|---|---|---|---|---|---|
          %s
          Target ≥ 1,000 launches/s. `-Dbursts=true` logs the engine's bursts (writes persisted, snapshot,
          effects) and offer rounds (matching, building the instances), with their times.

          %s
          Command: `bench/run apps` (JVM `-Xmx3g -XX:+UseG1GC`; sizes `-Dagents -Dinstances -Drounds -Dapps -DperApp
          -Dwarmup -Drequests`).
          Machine: %s; load average %s when the run ended (the machine is shared).
          """, agents, instances, instances, rows, list, BenchDoc.machine(), BenchDoc.loadAverage());
    } finally {
      BenchDoc.closeAll(closers);
    }
    System.out.println(region);
    BenchDoc.rewrite(doc, "apps", region);
    System.exit(0);
  }


  static void await(String what, BooleanSupplier done, long timeoutMs) throws InterruptedException {
    long until = System.currentTimeMillis() + timeoutMs;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        throw new IllegalStateException("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
