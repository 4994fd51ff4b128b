package dev.drover.bench.agent;

import dev.drover.agent.LoopScheduler;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.container.Containerizers;
import dev.drover.agent.container.process.Cgroups;
import dev.drover.agent.container.process.ProcessContainerizer;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.status.CheckpointingStatusUpdateManager;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskManager;
import dev.drover.agent.task.TaskSpec;
import dev.drover.bench.BenchDoc;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One agent's launch path alone, for a burst of short process tasks: {@code tasks} (default 250, a quarter of the
 * jobs bench's 1,000) {@code true} tasks handed to the agent's {@link TaskManager} at once, as one RUN_TASKS would,
 * with the agent's real pieces — its loop, the checkpoint journal on disk, the checkpointing status update manager,
 * the process containerizer (with cgroups where the host allows) — and a master that acknowledges every update at
 * once. Measures, per task, the burst's start → its RUNNING update sent, and → FINISHED sent, plus the journal's
 * syncs. No ZooKeeper, master or framework: the figure is the agent's share of the jobs bench's start slip.
 *
 * <p>Usage: {@code bench/run agent-burst}, or {@code java -cp ... dev.drover.bench.agent.AgentBurstBench
 * [docs/benchmarks.md]}; {@code -Dtasks},
 * {@code -Drounds} (default 5; the first is reported apart as the cold one).
 */
public final class AgentBurstBench {
  private AgentBurstBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    int tasks = Integer.getInteger("tasks", 250);
    int rounds = Integer.getInteger("rounds", 5);
    Path dir = Files.createTempDirectory("agent-burst");
    StringBuilder rows = new StringBuilder();
    LoopScheduler loop = new LoopScheduler("agent-loop");
    ProcessContainerizer processes = new ProcessContainerizer(ProcessLauncher.detect(), Cgroups.detect(dir));
    try (CheckpointStore store = CheckpointStore.open(dir, new ProtoCheckpointCodec());
        Containerizers containerizers = new Containerizers(processes, Optional.empty())) {
      Map<TaskKey, Long> running = new ConcurrentHashMap<>();
      Map<TaskKey, Long> finished = new ConcurrentHashMap<>();
      CheckpointingStatusUpdateManager statuses = new CheckpointingStatusUpdateManager(loop, Duration.ofSeconds(1),
          Duration.ofSeconds(10), store);
      TaskManager manager = new TaskManager(loop, Clock.systemUTC(), Resources.parse("cpus:64;mem:65536"),
          dir.resolve("sandboxes"), "127.0.0.1", () -> "agent-bench", containerizers, Duration.ofSeconds(3),
          statuses::update);
      manager.onPruned(statuses::forget);
      manager.checkpointTo(store);
      loop.submit(() -> {
        statuses.connected(u -> sent(u, loop, statuses, running, finished));
        return null;
      }).get();
      for (int round = 0; round < rounds; round++) {
        running.clear();
        finished.clear();
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
          specs.add(new TaskSpec(new TaskKey("fw", "r" + round + "-t" + i), "burst", Resources.parse("cpus:0.1;mem:32"),
              new CommandSpec(true, "true", List.of(), Map.of()), Optional.empty(), Optional.empty()));
        }
        long syncs = store.syncs();
        long[] cpu0 = cpuTicks();
        long t0 = System.nanoTime();
        loop.submit(() -> {
          specs.forEach(manager::run);
          return null;
        }).get();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (finished.size() < tasks && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        long[] cpu1 = cpuTicks();
        List<Long> toRunning = running.values().stream().map(t -> (t - t0) / 1_000_000).toList();
        List<Long> toFinished = finished.values().stream().map(t -> (t - t0) / 1_000_000).toList();
        String row = String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %d | %.2f / %.2f |%n", tasks,
            round == 0 ? "first (cold)" : Integer.toString(round + 1), toRunning.size(), BenchDoc.percentiles(toRunning),
            BenchDoc.percentiles(toFinished), store.syncs() - syncs, (cpu1[0] - cpu0[0]) * 10.0 / tasks,
            (cpu1[1] - cpu0[1]) * 10.0 / tasks);
        System.out.print(row);
        rows.append(row);
        Thread.sleep(1000);  // let the last exits and acknowledgements settle between rounds
      }
    } finally {
      loop.shutdown();
    }
    String region = String.format(Locale.ROOT, """
        ### Agent launch path: a burst of short process tasks
        One agent's `TaskManager` alone (bench/…/agent/AgentBurstBench): its loop, checkpoint journal, checkpointing
        status update manager and process containerizer (cgroups: %s), a master that acknowledges every update at
        once, and %d `true` tasks handed over together as one RUN_TASKS would. Time from the burst to each task's
        RUNNING (and FINISHED) update sent, in ms; syncs = times the checkpoint journal was forced during the round;
        CPU per task = the agent JVM's own CPU time / its children's (the tasks, `setsid`, shells), in ms per task,
        from `/proc/self/stat` (10 ms ticks): unlike the latencies, it hardly depends on the machine's load.

        | tasks | round | RUNNING sent | to RUNNING sent p50 / p99 / max | to FINISHED sent p50 / p99 / max | syncs | CPU per task: agent / children |
        |---|---|---|---|---|---|---|
        %s
        Command: `bench/run agent-burst` (sizes: `JAVA_OPTS='-Dtasks=250 -Drounds=5'`).
        Machine: %s; load average %s at the end (other builds share the machine).
        """, processes.isolation(), tasks, rows, BenchDoc.machine(), BenchDoc.loadAverage());
    System.out.println(region);
    BenchDoc.rewrite(doc, "agent-burst", region);
    System.exit(0);
  }

  private static void sent(StatusUpdate u, LoopScheduler loop, CheckpointingStatusUpdateManager statuses,
      Map<TaskKey, Long> running, Map<TaskKey, Long> finished) {
    long now = System.nanoTime();
    if (u.state() == TaskState.RUNNING) {
      running.putIfAbsent(u.key(), now);
    } else if (u.state().isTerminal()) {
      finished.putIfAbsent(u.key(), now);
    }
    loop.execute(() -> statuses.acknowledge(u.key(), u.uuid()));
  }

  /** This JVM's user+system CPU and its reaped children's, in clock ticks (1/100 s on Linux). */
  static long[] cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
      return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

}
