package dev.drover.bench.failover;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.core.MasterCore;
import dev.drover.master.core.MasterSettings;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.registry.InMemoryRegistryStore;
import dev.drover.master.registry.RegisteredAgent;
import dev.drover.master.registry.RegisteredFramework;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The new leader's loop alone during a failover's re-registration rush, without gRPC or simulated agents competing
 * for the CPU: a registry of {@code agents} agents and 10 frameworks, then every agent re-registers with
 * {@code perAgent} running tasks, arriving in {@code waves} evenly over {@code spreadMs}. Prints the wall time until
 * every agent is answered and the loop thread's CPU time (less sensitive to a shared machine's load).
 * A diagnostic for docs/benchmarks.md's failover section: {@code -Dagents -DperAgent -Dwaves -DspreadMs -Drounds}.
 */
public final class ReregistrationLoopBench {
  private ReregistrationLoopBench() {}

  public static void main(String[] args) throws Exception {
    int agents = Integer.getInteger("agents", 10_000);
    int perAgent = Integer.getInteger("perAgent", 10);
    int waves = Integer.getInteger("waves", 100);
    long spreadMs = Long.getLong("spreadMs", 1000);
    int rounds = Integer.getInteger("rounds", 4);
    for (int r = 1; r <= rounds; r++) {
      round(r, agents, perAgent, waves, spreadMs);
    }
  }

  private static void round(int round, int agents, int perAgent, int waves, long spreadMs) throws Exception {
    InMemoryRegistryStore store = new InMemoryRegistryStore();
    AgentDescriptor info = new AgentDescriptor("h", 5052, Resources.parse("cpus:1.5;mem:2048;disk:1024"), List.of(),
        "", "", "");
    for (int i = 0; i < agents; i++) {
      store.putAgent(new RegisteredAgent(String.format("a%05d", i), info));
    }
    FrameworkDescriptor fw = new FrameworkDescriptor("fw", "u", List.of("bench"), 3600, false, List.of(), "", "", "");
    for (int f = 0; f < 10; f++) {
      store.putFramework(new RegisteredFramework("f" + f, fw));
    }
    MasterCore core = new MasterCore(new MasterSettings("bench", Duration.ofSeconds(1), Duration.ofSeconds(15),
        Duration.ofSeconds(15), Duration.ofSeconds(5)), new FailoverSettings(Duration.ofSeconds(30), 5,
        Duration.ofMillis(100)), store, Clock.systemUTC(), () -> "not the leader");
    core.elected(() -> true);
    while (!core.isLeader()) {
      Thread.sleep(1);
    }
    AtomicLong firstOffer = new AtomicLong();
    for (int f = 0; f < 10; f++) {
      core.frameworkSubscribe(new QuietFramework(firstOffer), "f" + f, fw, List.of());
    }
    core.drain();
    List<List<ReportedTask>> payloads = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String agentId = String.format("a%05d", i);
      List<ReportedTask> tasks = new ArrayList<>();
      for (int t = 0; t < perAgent; t++) {
        String taskId = "t" + (i * perAgent + t);
        String fwId = "f" + (i % 10);
        tasks.add(new ReportedTask(new TaskSpec(taskId, taskId, agentId, Resources.parse("cpus:0.1;mem:100"), null,
            new byte[0]), new TaskStatus(taskId, fwId, agentId, TaskState.RUNNING, Reason.UNSPECIFIED, "",
            TaskStatus.Source.AGENT, null, new byte[] {1}, 0, null, "")));
      }
      payloads.add(tasks);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long loopThread = loopThreadId(core);
    long cpuBefore = mx.getThreadCpuTime(loopThread);
    AtomicInteger answered = new AtomicInteger();
    long start = System.nanoTime();
    firstOffer.set(0);
    int perWave = (agents + waves - 1) / waves;
    for (int w = 0; w < waves; w++) {
      long due = start + w * spreadMs * 1_000_000L / waves;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      for (int i = w * perWave; i < Math.min(agents, (w + 1) * perWave); i++) {
        core.agentRegister(new QuietAgent(answered), String.format("a%05d", i), true, info, payloads.get(i));
      }
    }
    while (answered.get() < agents || firstOffer.get() == 0) {
      Thread.sleep(1);
    }
    long done = System.nanoTime();
    core.drain();
    long cpu = mx.getThreadCpuTime(loopThread) - cpuBefore;
    System.out.printf(Locale.ROOT, "round %d: %,d agents x %d tasks arriving over %d ms: all answered after %.3f s,"
        + " first offer after %.3f s; loop CPU %.3f s (%.1f us per agent incl. snapshots and cycles)%n", round,
        agents, perAgent, spreadMs, (done - start) / 1e9, (firstOffer.get() - start) / 1e9, cpu / 1e9,
        cpu / 1e3 / agents);
    core.deposed("bench over");
    core.drain();
    core.close();
  }

  private static long loopThreadId(MasterCore core) throws InterruptedException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("drover-master-loop") && t.isAlive()) {
          return t.getId();
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("no master loop thread");
  }

  private record QuietAgent(AtomicInteger answered) implements AgentChannel {
    public void registered(String agentId, String masterId, Duration pingInterval) {
      answered.incrementAndGet();
    }

    public void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks) {}

    public void killTask(String frameworkId, String taskId, Double gracePeriodSeconds) {}

    public void acknowledge(String frameworkId, String taskId, byte[] uuid) {}

    public void shutdownFramework(String frameworkId) {}

    public void ping(long sequence) {}

    public void fail(String description) {}

    public void close() {}
  }

  private record QuietFramework(AtomicLong firstOffer) implements FrameworkChannel {
    public void subscribed(String frameworkId, Duration heartbeatInterval, String masterId) {}

    public void offers(List<Offer> offers) {
      firstOffer.compareAndSet(0, System.nanoTime());
    }

    public void rescind(String offerId) {}

    public void update(TaskStatus status) {}

    public void heartbeat() {}

    public void error(String message) {}

    public void fail(String description) {}
  }
}
