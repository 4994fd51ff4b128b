package dev.drover.bench.heap;

import dev.drover.bench.BenchDoc;
import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.Attribute;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.allocator.ClusterAllocator;
import dev.drover.master.allocator.RoleSettings;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.StateSnapshot;
import dev.drover.master.state.TaskKey;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The leading master's state with 10,000 agents (3 attributes each), 100 frameworks and 100,000 running tasks, plus
 * the allocator's books after one cycle (which offers what is left): heap used after a full GC, minus the heap used
 * before the state was built. Prints the figure and rewrites the {@code bench:heap} region of docs/benchmarks.md.
 * Usage: {@code bench/run heap}.
 */
public final class HeapBench {
  static final int AGENTS = 10_000;
  static final int FRAMEWORKS = 100;
  static final int TASKS = 100_000;

  private HeapBench() {}

  public static void main(String[] args) throws IOException {
    Path doc = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    long before = usedAfterGc();
    long start = System.nanoTime();
    Cluster cluster = new Cluster(new OfferBook("m1-1"));
    Resources agentTotal = Resources.parse("cpus:32;mem:131072;disk:1000000;ports:[31000-32000]");
    for (int i = 0; i < AGENTS; i++) {
      String id = "8e5f1a52-4c3b-4b7e-9d2a-" + String.format("%012d", i) + "-S0";
      cluster.connectAgent(id, new AgentDescriptor("host-" + i + ".example.org", 5052, agentTotal,
          List.of(Attribute.text("rack", "r" + (i % 100)), Attribute.text("zone", "z" + (i % 3)),
              Attribute.text("os", "debian12")), "region-1", "z" + (i % 3), "0.1.0"), new NoAgent());
    }
    String[] frameworks = new String[FRAMEWORKS];
    for (int i = 0; i < FRAMEWORKS; i++) {
      frameworks[i] = "c0ffee00-1111-2222-3333-" + String.format("%012d", i) + "-F0";
      cluster.connectFramework(frameworks[i], new FrameworkDescriptor("framework-" + i, "nobody", List.of("r" + i % 5),
          604800, true, List.of(FrameworkDescriptor.PARTITION_AWARE), "", "", "scheduler.example.org"),
          new NoFramework());
    }
    Resources task = Resources.parse("cpus:0.5;mem:512;disk:100;ports:[31001-31001]");
    List<String> agentIds = cluster.agents().stream().map(a -> a.id()).toList();
    for (int i = 0; i < TASKS; i++) {
      String fw = frameworks[i % FRAMEWORKS];
      String agent = agentIds.get(i % AGENTS);
      String taskId = "app-" + (i % 1000) + ".instance-" + java.util.UUID.nameUUIDFromBytes(Integer.toString(i)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] uuid = new byte[16];
      uuid[0] = (byte) i;
      cluster.putTask(new TaskKey(fw, taskId), agent, "task " + i, task, new TaskStatus(taskId, fw, agent,
          TaskState.RUNNING, Reason.STARTED, "", TaskStatus.Source.AGENT, null, uuid, 1.7e9, null,
          "container-" + i));
    }
    ClusterAllocator allocator = new ClusterAllocator(cluster, AllocatorConfig.DEFAULTS,
        Clock.systemUTC(), new RoleSettings());
    int offers = allocator.allocate().values().stream().mapToInt(List::size).sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    long steady = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      allocator.allocate();
      steady = Math.min(steady, System.nanoTime() - t0);
    }
    long snapStart = System.nanoTime();
    StateSnapshot snapshot = StateSnapshot.of(cluster);
    double snapSeconds = (System.nanoTime() - snapStart) / 1e9;
    long after = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(snapshot);
    java.lang.ref.Reference.reachabilityFence(cluster);
    java.lang.ref.Reference.reachabilityFence(allocator);
    double mib = (after - before) / (1024.0 * 1024.0);
    String region = String.format(Locale.ROOT, """
        The leading master's state: %,d agents (3 attributes each), %,d frameworks, %,d running tasks, the
        allocator's books after one cycle (%,d offers outstanding) and one published `StateSnapshot`. Heap used after
        a full GC, minus the heap used before: **%.0f MiB** (target ≤ 2 GiB). State built in %.1f s; taking the
        snapshot took %.1f s (one pass over agents, frameworks and tasks; the master takes one per burst of commands,
        at least once a second under sustained load). An allocation cycle with nothing changed (the allocator's sync with this state, then an empty batch) takes %.0f ms (best of 10).

        Command: `bench/run heap` (JVM `-Xmx4g -XX:+UseG1GC`). Machine: %s.
        """, AGENTS, FRAMEWORKS, TASKS, offers, mib, seconds, snapSeconds, steady / 1e6,
        BenchDoc.machine());
    System.out.println(region);
    BenchDoc.rewrite(doc, "heap", region);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static final class NoAgent implements AgentChannel {
    @Override
    public void registered(String agentId, String masterId, Duration pingInterval) {}

    @Override
    public void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks) {}

    @Override
    public void killTask(String frameworkId, String taskId, Double gracePeriodSeconds) {}

    @Override
    public void acknowledge(String frameworkId, String taskId, byte[] uuid) {}

    @Override
    public void shutdownFramework(String frameworkId) {}

    @Override
    public void ping(long sequence) {}

    @Override
    public void fail(String description) {}

    @Override
    public void close() {}
  }

  private static final class NoFramework implements FrameworkChannel {
    @Override
    public void subscribed(String frameworkId, Duration heartbeatInterval, String masterId) {}

    @Override
    public void offers(List<Offer> offers) {}

    @Override
    public void rescind(String offerId) {}

    @Override
    public void update(TaskStatus status) {}

    @Override
    public void heartbeat() {}

    @Override
    public void error(String message) {}

    @Override
    public void fail(String description) {}
  }
}
