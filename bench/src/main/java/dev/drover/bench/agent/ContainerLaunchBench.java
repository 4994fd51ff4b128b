package dev.drover.bench.agent;

import dev.drover.bench.BenchDoc;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.drover.agent.LoopScheduler;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.Containerizers;
import dev.drover.agent.container.docker.DockerClients;
import dev.drover.agent.container.docker.DockerContainerizer;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.container.process.Cgroups;
import dev.drover.agent.container.process.ProcessContainerizer;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.status.CheckpointingStatusUpdateManager;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.StatusUpdateManager;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskManager;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Docker containers launched per second on one agent. For 20 and 100 busybox {@code sleep} containers it measures
 * (a) the raw limit: the same containers created and started directly through docker-java, all in parallel, no
 * Drover; (b) Drover: LAUNCH of all of them on one agent's {@link TaskManager} (the agent loop, the Docker
 * containerizer, status updates) until every task is RUNNING; and (c) the time to replace a killed container: kill
 * a task, and once KILLED launch its replacement, until that one is RUNNING. The Drover side persists as a real
 * agent does: each task's description is journalled in the agent's {@link CheckpointStore} before it launches and
 * each update is sent only once journalled; a task counts as RUNNING when its RUNNING update is sent. Rounds alternate raw and Drover; the
 * median of each is reported. Rewrites the {@code bench:containers} region of {@code docs/benchmarks.md}.
 *
 * <p>Usage: {@code java -cp ... dev.drover.bench.agent.ContainerLaunchBench [docs/benchmarks.md] [rounds]}. Needs
 * the engine and the image from {@code scripts/docker-setup.sh}.
 */
public final class ContainerLaunchBench {
  static final String IMAGE = "local/busybox:latest";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private ContainerLaunchBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> rows = new ArrayList<>();
    long[] replace = new long[5];
    try (DockerClient client = DockerClients.create(ContainerOptions.DEFAULT_DOCKER_HOST);
        BenchAgent agent = new BenchAgent()) {
      client.inspectImageCmd(IMAGE).exec();
      raw(client, 20);  // warm-up of both sides: JIT, connection pools, the engine's caches
      agent.launch(20);
      for (int n : new int[] {20, 100}) {
        long[] raw = new long[rounds];
        long[] drover = new long[rounds];
        for (int r = 0; r < rounds; r++) {
          raw[r] = raw(client, n);
          drover[r] = agent.launch(n);
          System.out.printf("n=%d round %d: raw %d ms, drover %d ms%n", n, r + 1, raw[r], drover[r]);
        }
        long rawMs = median(raw);
        long droverMs = median(drover);
        rows.add(String.format("| %d | %d ms (%.1f/s) | %d ms (%.1f/s) | %.2f |", n, rawMs, n * 1000.0 / rawMs,
            droverMs, n * 1000.0 / droverMs, (double) droverMs / rawMs));
      }
      for (int i = 0; i < replace.length; i++) {
        replace[i] = agent.replace();
      }
    }
    String region = region(rows, median(replace), rounds);
    System.out.println(region);
    BenchDoc.rewrite(doc, "containers", region + "\n");
  }

  /**
   * Creates and starts {@code n} containers in parallel straight through docker-java, configured as Drover
   * configures them (a sandbox bind mount, labels, memory and cpu limits); removes them after.
   */
  static long raw(DockerClient client, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<String> ids = new ArrayList<>();
    Path sandboxes = Files.createTempDirectory("drover-bench-raw");
    try {
      long start = System.nanoTime();
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "drover-bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        Path sandbox = Files.createDirectories(sandboxes.resolve(name));
        futures.add(pool.submit(() -> {
          HostConfig host = HostConfig.newHostConfig().withNetworkMode("bridge")
              .withBinds(new Bind(sandbox.toString(), new Volume("/mnt/mesos/sandbox")))
              .withCpuShares(10).withCpuPeriod(100_000L).withCpuQuota(1000L)
              .withMemory(8L << 20).withMemorySwap(8L << 20);
          String id = client.createContainerCmd(IMAGE).withName(name).withLabels(Map.of("dev.drover.task", name))
              .withEnv("DROVER_TASK_ID=" + name).withWorkingDir("/mnt/mesos/sandbox").withHostConfig(host)
              .withEntrypoint("sleep").withCmd("600").exec().getId();
          client.startContainerCmd(id).exec();
          return id;
        }));
      }
      for (Future<String> f : futures) {
        ids.add(f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    } finally {
      List<Future<?>> removals = new ArrayList<>();
      for (String id : ids) {
        removals.add(pool.submit(() -> client.removeContainerCmd(id).withForce(true).exec()));
      }
      for (Future<?> f : removals) {
        f.get();
      }
      pool.shutdown();
    }
  }

  static TaskSpec task() {
    return new TaskSpec(new TaskKey("bench", "b-" + UUID.randomUUID().toString().substring(0, 8)), "bench",
        Resources.parse("cpus:0.01;mem:8"), new CommandSpec(false, "sleep", List.of("sleep", "600"), Map.of()),
        Optional.empty(), Optional.of(DockerSpec.of(IMAGE)));
  }

  private static long median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static String region(List<String> rows, long replaceMs, int rounds) {
    String cpu = cpuModel();
    return String.join("\n",
        "Busybox `sleep 600` containers on one agent, from LAUNCH to RUNNING (Drover: the agent's task manager,",
        "loop, checkpoint journal (each task persisted before it launches, each update before it is sent) and",
        "Docker containerizer, until the RUNNING update is sent to an instantly acknowledging master) against the",
        "raw limit measured in the same run (the same containers, with the same sandbox mount, labels and limits,",
        "created and started straight through docker-java, all in parallel).",
        "Median of " + rounds + " alternating rounds. Target: Drover ≤ 1.2 × raw.",
        "",
        "| containers | raw docker-java | Drover | Drover / raw |",
        "| --- | --- | --- | --- |",
        String.join("\n", rows),
        "",
        "Replacing a killed container (kill with no grace period → KILLED → launch of the replacement → RUNNING):"
            + " median " + replaceMs + " ms of 5.",
        "",
        "Command: `bench/run containers` (after `scripts/docker-setup.sh`). Machine: "
            + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Docker "
            + dockerVersion() + ", JDK " + System.getProperty("java.vm.version") + ", " + LocalDate.now() + ".");
  }

  private static String dockerVersion() {
    try (DockerClient c = DockerClients.create(ContainerOptions.DEFAULT_DOCKER_HOST)) {
      return c.versionCmd().exec().getVersion();
    } catch (Exception e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    } catch (IOException e) {
      return ManagementFactory.getOperatingSystemMXBean().getArch();
    }
  }

  /**
   * One agent as it runs: a long-lived loop and containerizers (so the Docker client's pool is as warm as the raw
   * side's), and a fresh task manager per round. Counts the updates it emits.
   */
  static final class BenchAgent implements AutoCloseable {
    final LoopScheduler loop = new LoopScheduler("bench-agent-loop");
    final Containerizers containerizers;
    TaskManager tasks;
    private CheckpointStore store;
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> waits = new ConcurrentHashMap<>();
    private final Path sandboxes;

    BenchAgent() throws IOException {
      sandboxes = Files.createDirectories(Files.createTempDirectory("drover-bench-agent").resolve("sandboxes"));
      ContainerOptions options = ContainerOptions.defaults();
      containerizers = new Containerizers(
          new ProcessContainerizer(ProcessLauncher.detect(), Cgroups.detect(sandboxes)),
          Optional.of(new DockerContainerizer(DockerClients.create(options.dockerHost()), options,
              () -> "bench-agent")));
    }

    /**
     * A fresh task manager wired as {@code Agent} wires it: the task's description is journalled before it launches,
     * every update goes through the checkpointing status update manager (sent only once its journal record is on
     * disk) and the round's clock stops when the update leaves for the master. The master here acknowledges at
     * once, so each task's next update is not held back by a network round trip the raw side has no equivalent of.
     */
    private void fresh() throws Exception {
      closeStore();
      store = CheckpointStore.open(Files.createTempDirectory(sandboxes.getParent(), "drover-bench-work"),
          new ProtoCheckpointCodec());
      StatusUpdateManager statuses = new CheckpointingStatusUpdateManager(loop, Duration.ofSeconds(1),
          Duration.ofSeconds(10), store);
      tasks = new TaskManager(loop, Clock.systemUTC(), Resources.parse("cpus:64;mem:65536;disk:100000"), sandboxes,
          "localhost", () -> "bench-agent", containerizers, Duration.ofSeconds(1), statuses::update);
      loop.submit(() -> {
        tasks.onPruned(statuses::forget);
        tasks.checkpointTo(store);
        statuses.connected(u -> {
          observe(u);
          loop.execute(() -> statuses.acknowledge(u.key(), u.uuid()));
        });
        return null;
      }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void closeStore() {
      if (store != null) {
        store.close();
        store = null;
      }
    }

    /** Launches {@code n} Docker tasks at once; the time until all are RUNNING. Removes them after. */
    long launch(int n) throws Exception {
      fresh();
      List<TaskSpec> specs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        specs.add(task());
      }
      CountDownLatch running = await(specs.stream().map(TaskSpec::key).toList(), TaskState.RUNNING);
      long start = System.nanoTime();
      loop.execute(() -> specs.forEach(tasks::run));
      boolean all = running.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      clear();
      if (!all) {
        throw new IllegalStateException("not all " + n + " tasks ran; seen " + seen.size());
      }
      return took;
    }

    /** Kill a running task and, once KILLED, launch its replacement; the time until the replacement runs. */
    long replace() throws Exception {
      fresh();
      TaskSpec first = task();
      CountDownLatch up = await(List.of(first.key()), TaskState.RUNNING);
      loop.execute(() -> tasks.run(first));
      up.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      TaskSpec second = task();
      CountDownLatch killed = await(List.of(first.key()), TaskState.KILLED);
      CountDownLatch replaced = await(List.of(second.key()), TaskState.RUNNING);
      long start = System.nanoTime();
      loop.execute(() -> tasks.kill(first.key(), Optional.of(Duration.ZERO), TaskReason.KILLED_BY_FRAMEWORK));
      killed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      loop.execute(() -> tasks.run(second));
      replaced.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      clear();
      return took;
    }

    /** Kills every task and waits until each one's terminal update has gone out (through this round's journal). */
    private void clear() throws Exception {
      List<String> ids = loop.submit(() -> {
        tasks.killAllNow();
        return tasks.tasks().stream().map(v -> v.key().taskId()).toList();
      }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!ids.stream().allMatch(this::ended)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("killed tasks did not end within " + TIMEOUT);
        }
        Thread.sleep(10);
      }
    }

    private boolean ended(String taskId) {
      return java.util.Arrays.stream(TaskState.values()).filter(TaskState::isTerminal)
          .anyMatch(st -> seen.contains(taskId + "/" + st));
    }

    CountDownLatch await(List<TaskKey> keys, TaskState state) {
      CountDownLatch latch = new CountDownLatch(keys.size());
      keys.forEach(k -> waits.put(k.taskId() + "/" + state, latch));
      return latch;
    }

    private void observe(StatusUpdate u) {
      seen.add(u.key().taskId() + "/" + u.state());
      CountDownLatch l = waits.remove(u.key().taskId() + "/" + u.state());
      if (l != null) {
        l.countDown();
      }
    }

    @Override
    public void close() throws Exception {
      loop.shutdown();
      closeStore();
      containerizers.close();
      try (var files = Files.walk(sandboxes.getParent())) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
