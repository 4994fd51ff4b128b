package dev.drover.bench.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import dev.drover.apps.AppsService;
import dev.drover.bench.BenchDoc;
import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import dev.drover.zk.EmbeddedZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code replicas} (default 20) busybox containers ({@code local/busybox:latest}, {@code sleep 600}) through Drover —
 * an embedded ZooKeeper, a real {@link Master}, one real {@link Agent} with its Docker containerizer and a real
 * {@link AppsService} — and through Docker swarm mode on the same engine in the same run: time from the request to
 * all running, and from {@code docker kill} of one container to its replacement running. Swarm mode is left
 * afterwards. Rewrites {@code bench:apps-docker} of docs/benchmarks.md.
 */
public final class AppsDockerBench {
  static final String IMAGE = "local/busybox:latest";
  static final String SERVICE = "drover-bench-bb";

  private AppsDockerBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    int replicas = Integer.getInteger("replicas", 20);
    Docker.run("docker", "image", "inspect", IMAGE);
    double[] drover = drover(replicas);
    boolean withSwarm = Boolean.parseBoolean(System.getProperty("swarm", "true"));  // -Dswarm=false: Drover only
    double[] swarm = withSwarm ? swarm(replicas) : new double[6];
    String region = String.format(Locale.ROOT, """
        %d replicas of `%s` running `sleep 600`, on one Docker engine, in one run. **Drover**: one JVM with an
        embedded ZooKeeper, a `Master`, one real `Agent` (Docker containerizer, `cpus:4;mem:4096`) and an
        `AppsService`; `POST /v2/apps` (`container.type DOCKER`, `cpus:0.05;mem:16`), all running = the app's
        tasks `TASK_RUNNING` in `GET /v2/apps/<id>/tasks`, polled every 10 ms (after a 1-instance warm-up app).
        **Swarm**: `docker swarm init`, `docker service create --detach --no-resolve-image --replicas %d`, all
        running = %d containers of the service running in `docker ps`, polled every 10 ms; `docker swarm leave
        --force` afterwards. *Replacement*: `docker kill` of one container → a new one running (Drover: a new task
        RUNNING in the app; swarm: %d running containers again, without the killed one). Each side with its
        defaults (Marathon's `backoffSeconds` 1 — a killed container is a failed task —, swarm's `--restart-delay`
        5 s) and with that delay at 0.

        | | delay before a relaunch | request → all %d running | docker kill → replacement running | load average |
        |---|---|---|---|---|
        | Drover (apps framework) | `backoffSeconds` 1 (default) | **%.2f s** | **%.2f s** | %.2f |
        | Drover (apps framework) | `backoffSeconds` 0 | %.2f s | %.2f s | %.2f |
        | Docker swarm mode | `--restart-delay` 5s (default) | %.2f s | %.2f s | %.2f |
        | Docker swarm mode | `--restart-delay` 0s | %.2f s | %.2f s | %.2f |

        Drover / swarm with defaults: convergence %.2f×, replacement %.2f×. Targets: convergence ≤ 0.5 × swarm's;
        replacement ≤ 1 s.

        Command: `bench/run apps-docker` (`-Dreplicas`).
        Machine: %s; load average %s when the run ended (the machine is shared).
        """, replicas, IMAGE, replicas, replicas, replicas, replicas, drover[0], drover[1], drover[2], drover[3],
        drover[4], drover[5], swarm[0], swarm[1], swarm[2], swarm[3], swarm[4], swarm[5], drover[0] / swarm[0],
        drover[1] / swarm[1], BenchDoc.machine(), BenchDoc.loadAverage());
    System.out.println(region);
    if (withSwarm) {
      BenchDoc.rewrite(doc, "apps-docker", region);
    }
    System.exit(0);
  }

  /** {up, replaced, load} with the default back-off, then the same with back-off 0; seconds, through Drover. */
  static double[] drover(int replicas) throws Exception {
    Path dir = Files.createTempDirectory("apps-docker-bench");
    List<AutoCloseable> closers = new ArrayList<>();
    try {
      EmbeddedZooKeeper zk = EmbeddedZooKeeper.start("127.0.0.1", 0, dir.resolve("zk"), 500);
      closers.add(zk);
      String connect = zk.connectString("/drover");
      Master master = Master.start(MasterConfig.defaults(connect).withHostname("127.0.0.1")
          .withBindAddress("127.0.0.1").withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(4)));
      closers.add(master);
      AppsBench.await("master leads", master::isLeader, 30_000);
      closers.add(Agent.start(AgentConfig.defaults(connect, dir.resolve("agent")).withHostname("127.0.0.1")
          .withBindAddress("127.0.0.1").withHttpPort(0).withZkSessionTimeout(Duration.ofSeconds(4))
          .withResources("cpus:4;mem:4096;disk:10000;ports:[31000-31999]")
          .withDockerHostNetworkAllowed(true)));
      AppsService service = AppsService.start(connect, Duration.ofSeconds(4), "127.0.0.1", 0, "127.0.0.1");
      closers.add(service);
      AppsBench.await("apps leads", service::isLeader, 30_000);
      Rest rest = new Rest("http://127.0.0.1:" + service.port());
      AppsBench.await("apps serves", () -> rest.status("/v2/apps") == 200, 30_000);
      // warm-up: the framework subscribes, the agent's Docker client and the JIT warm up
      rest.post("/v2/apps", app("/bench/warm", 1));
      AppsBench.await("the warm-up container running", () -> running(rest, "/bench/warm").size() == 1, 120_000);
      rest.delete("/v2/apps/bench/warm?force=true");
      AppsBench.await("the warm-up app gone", () -> rest.taskCount() == 0, 120_000);
      double[] defaults = droverApp(rest, "/bench/bb", replicas, "");
      double[] noBackoff = droverApp(rest, "/bench/bb0", replicas, ",\"backoffSeconds\":0");
      return new double[] {defaults[0], defaults[1], defaults[2], noBackoff[0], noBackoff[1], noBackoff[2]};
    } finally {
      BenchDoc.closeAll(closers);
    }
  }

  /** {up, replaced, load average} of one app of {@code replicas} containers, deleted afterwards. */
  private static double[] droverApp(Rest rest, String id, int replicas, String extra) throws Exception {
    long t0 = System.nanoTime();
    rest.post("/v2/apps", app(id, replicas, extra));
    AppsBench.await(replicas + " containers running", () -> running(rest, id).size() == replicas,
        300_000);
    double up = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "drover %s: %d running after %.2f s%n", id, replicas, up);
    String victim = running(rest, id).get(0);
    String container = Docker.run("docker", "ps", "-q", "--filter", "name=" + victim).lines().findFirst()
        .orElseThrow(() -> new IllegalStateException("no container named after " + victim));
    long k0 = System.nanoTime();
    Docker.run("docker", "kill", container);
    AppsBench.await("the replacement running", () -> {
      List<String> now = running(rest, id);
      return now.size() == replicas && !now.contains(victim);
    }, 120_000);
    double replaced = (System.nanoTime() - k0) / 1e9;
    System.out.printf(Locale.ROOT, "drover %s: replacement running %.2f s after docker kill%n", id, replaced);
    double load = Double.parseDouble(BenchDoc.loadAverage());
    rest.delete("/v2/apps" + id + "?force=true");
    AppsBench.await("the app gone", () -> rest.taskCount() == 0, 120_000);
    return new double[] {up, replaced, load};
  }

  /** The same through swarm mode (restart delay 5 s, then 0 s); swarm mode is left whatever happens. */
  static double[] swarm(int replicas) throws Exception {
    Docker.run("docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
    try {
      double[] defaults = swarmService(replicas, "5s");
      double[] noDelay = swarmService(replicas, "0s");
      return new double[] {defaults[0], defaults[1], defaults[2], noDelay[0], noDelay[1], noDelay[2]};
    } finally {
      try {
        Docker.run("docker", "swarm", "leave", "--force");
      } catch (RuntimeException e) {
        System.err.println("docker swarm leave --force: " + e.getMessage());
      }
    }
  }

  /** {up, replaced, load average} of one service of {@code replicas} containers, removed afterwards. */
  private static double[] swarmService(int replicas, String restartDelay) throws Exception {
    long t0 = System.nanoTime();
    Docker.run("docker", "service", "create", "--detach", "--no-resolve-image", "--name", SERVICE, "--replicas",
        String.valueOf(replicas), "--restart-delay", restartDelay, IMAGE, "sleep", "600");
    AppsBench.await(replicas + " swarm containers running", () -> swarmRunning().size() == replicas, 300_000);
    double up = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "swarm: %d running after %.2f s%n", replicas, up);
    String victim = swarmRunning().get(0);
    long k0 = System.nanoTime();
    Docker.run("docker", "kill", victim);
    AppsBench.await("the swarm replacement running", () -> {
      List<String> now = swarmRunning();
      return now.size() == replicas && !now.contains(victim);
    }, 120_000);
    double replaced = (System.nanoTime() - k0) / 1e9;
    System.out.printf(Locale.ROOT, "swarm (restart delay %s): replacement running %.2f s after docker kill%n",
        restartDelay, replaced);
    double load = Double.parseDouble(BenchDoc.loadAverage());
    Docker.run("docker", "service", "rm", SERVICE);
    // every container of the service removed before the next service or leaving swarm mode
    AppsBench.await("the service's containers gone", () -> Docker.run("docker", "ps", "-aq", "--filter",
        "label=com.docker.swarm.service.name=" + SERVICE).isBlank(), 120_000);
    return new double[] {up, replaced, load};
  }

  private static List<String> swarmRunning() {
    try {
      return Docker.run("docker", "ps", "-q", "--no-trunc", "--filter", "label=com.docker.swarm.service.name="
          + SERVICE, "--filter", "status=running").lines().filter(l -> !l.isBlank()).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Task ids of the app's RUNNING tasks (empty while the app is unknown). */
  private static List<String> running(Rest rest, String appId) {
    try {
      List<String> ids = new ArrayList<>();
      for (JsonNode t : rest.get("/v2/apps" + appId + "/tasks").path("tasks")) {
        if (t.path("state").asText().equals("TASK_RUNNING")) {
          ids.add(t.path("id").asText());
        }
      }
      return ids;
    } catch (Exception e) {
      return List.of();
    }
  }

  private static String app(String id, int instances) {
    return app(id, instances, "");
  }

  private static String app(String id, int instances, String extra) {
    return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16,\"disk\":0,\"instances\":"
        + instances + extra + ",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + IMAGE + "\"}}}";
  }
}
