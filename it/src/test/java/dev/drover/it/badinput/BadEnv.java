package dev.drover.it.badinput;

import dev.drover.agent.http.AgentHttpServer;
import dev.drover.agent.http.AgentStateView;
import dev.drover.apps.AppsService;
import dev.drover.jobs.JobsService;
import dev.drover.model.Resources;
import dev.drover.testkit.DroverCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One in-process cluster shared by every bad-input test in the JVM, started on first use and stopped when the JVM
 * ends: a {@link DroverCluster} (ZooKeeper, one master, one simulated agent), the apps and jobs services on free
 * loopback ports, and an agent HTTP server over a real sandbox directory holding a secret next to it and a symlink
 * from inside to it. Seeds a little stored state (an app, a group, a job with a schedule, a role) so updates have
 * something to refuse to change.
 */
final class BadEnv {
  static final String SECRET = "top-secret-outside-the-sandbox";
  private static BadEnv instance;

  final DroverCluster cluster;
  final AppsService apps;
  final JobsService jobs;
  final AgentHttpServer agentHttp;
  final Path sandboxRoot;

  private BadEnv() throws Exception {
    cluster = DroverCluster.builder().masters(1).agents(1).simulated().build().start();
    apps = AppsService.start(cluster.zkConnect(), "127.0.0.1", 0);
    jobs = JobsService.start(cluster.zkConnect(), "127.0.0.1", 0);
    Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "badinput-");
    Files.writeString(base.resolve("secret"), SECRET);
    sandboxRoot = base.resolve("sandboxes");
    Path sandbox = sandboxRoot.resolve("fw-1").resolve("t1");
    Files.createDirectories(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("stdout"), "hello\n");
    Files.writeString(sandbox.resolve("sub").resolve("inner"), "inner\n");
    Files.createSymbolicLink(sandbox.resolve("escape"), base.resolve("secret"));
    Files.createSymbolicLink(sandbox.resolve("up"), base);
    agentHttp = AgentHttpServer.start("127.0.0.1", 0, () -> CompletableFuture.completedFuture(new AgentStateView(
        Optional.of("a1"), "h", true, Resources.parse("cpus:1"), Resources.EMPTY, List.of(), List.of(),
        "off: test")), sandboxRoot, () -> "");
    await("apps leads", apps::isLeader);
    await("jobs leads", jobs::isLeader);
    seed();
  }

  static synchronized BadEnv get() {
    if (instance == null) {
      try {
        instance = new BadEnv();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the bad-input cluster", e);
      }
      BadEnv env = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(env::close));
    }
    return instance;
  }

  String master() {
    return "http://127.0.0.1:" + cluster.leader().httpPort();
  }

  String apps() {
    return "http://127.0.0.1:" + apps.port();
  }

  String jobs() {
    return "http://127.0.0.1:" + jobs.port();
  }

  String agent() {
    return "http://127.0.0.1:" + agentHttp.port();
  }

  private void seed() {
    expect(201, Http.send(Http.Req.json("POST", apps() + "/v2/apps",
        "{\"id\": \"/bad/keep\", \"cmd\": \"sleep 1000\", \"instances\": 0, \"cpus\": 0.1, \"mem\": 32}")));
    expect(201, Http.send(Http.Req.json("POST", apps() + "/v2/groups",
        "{\"id\": \"/grp\", \"apps\": [{\"id\": \"one\", \"cmd\": \"sleep 1\", \"instances\": 0}]}")));
    expect(201, Http.send(Http.Req.json("POST", jobs() + "/v1/jobs", "{\"id\": \"keep\", \"run\": {\"cmd\": "
        + "\"true\", \"cpus\": 0.1, \"mem\": 32}, \"schedules\": [{\"id\": \"yearly\", \"cron\": \"0 0 1 1 *\"}]}")));
    expect(200, Http.send(Http.Req.json("PUT", master() + "/api/v1/roles/keep",
        "{\"weight\": 2, \"quota\": {\"cpus\": 1}}")));
    await("apps deployments done", () -> Http.getOk(apps() + "/v2/deployments").trim().equals("[]"));
  }

  private static void expect(int status, Http.Res r) {
    if (r.status() != status) {
      throw new IllegalStateException("seeding answered " + r.status() + ": " + r.body());
    }
  }

  static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);  // polling with a deadline, not timing
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void close() {
    agentHttp.close();
    jobs.close();
    apps.close();
    cluster.close();
  }
}
