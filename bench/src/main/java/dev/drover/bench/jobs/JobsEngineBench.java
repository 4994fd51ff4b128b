package dev.drover.bench.jobs;

import dev.drover.jobs.engine.Cluster;
import dev.drover.jobs.engine.EngineListener;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.store.JobRepository;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The trigger engine alone with {@code n} registered jobs (each firing every 10 minutes, spread over the seconds of
 * the 10 minutes), over a manual clock, an in-memory store and a cluster that runs every task at once: one simulated
 * hour, stepped by the second. Reports the engine thread's CPU time and the heap after GC.
 */
final class JobsEngineBench implements Cluster {
  private final List<String> launched = new ArrayList<>();
  private long offers;

  static String run(int n) throws Exception {
    return new JobsEngineBench().measure(n);
  }

  private String measure(int n) throws Exception {
    long heap0 = usedAfterGc();
    ManualTimer timer = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
    JobsEngine engine = new JobsEngine(timer, new JobRepository(new InMemoryStateStore()), this,
        EngineListener.NONE, Duration.ofSeconds(5));
    engine.load();
    var cpu = ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      String cron = (i % 60) + " " + ((i / 60) % 10) + "/10 * * * *";
      engine.create(JobJson.parseJob(JobJson.MAPPER.readTree("{\"id\":\"job-" + i + "\",\"run\":{\"cmd\":\"true\","
          + "\"cpus\":0.01,\"mem\":32},\"schedules\":[{\"id\":\"s\",\"cron\":\"" + cron + "\"}]}")));
    }
    double registerCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
    long heapRegistered = usedAfterGc() - heap0;
    long c1 = cpu.getCurrentThreadCpuTime();
    long runs = 0;
    for (int s = 0; s < 3600; s++) {
      engine.resourceOffers(List.of(new Offer("o" + ++offers, "agent-1", "host-1",
          Resources.of(10_000, 10_000_000, 0), Map.of())));
      timer.advance(Duration.ofSeconds(1));
      List<String> now = new ArrayList<>(launched);
      launched.clear();
      for (String task : now) {
        engine.statusUpdate(status(task, TaskState.RUNNING, timer.now()));
        engine.statusUpdate(status(task, TaskState.FINISHED, timer.now()));
        runs++;
      }
    }
    double hourCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
    long heapAfter = usedAfterGc() - heap0;
    engine.stop();
    return String.format(Locale.ROOT, """
        ### Trigger engine: %,d registered jobs
        `JobsEngine` alone (bench/…/jobs/JobsEngineBench): a manual clock, an in-memory store, a cluster that runs
        each task at once; every job fires every 10 minutes (seconds spread), so one simulated hour is %,d runs,
        each armed, fired, placed on an offer, RUNNING and FINISHED, and kept in a history of 10.

        | what | figure |
        |---|---|
        | CPU to register %,d jobs (parse, validate, write, arm) | %.2f s |
        | CPU for one simulated hour (%,d runs) | %.2f s (%.1f µs per run) |
        | heap after GC, jobs registered | %.1f MB (%.1f KB per job) |
        | heap after GC, after the hour (histories filled) | %.1f MB |
        """, n, runs, n, registerCpu, runs, hourCpu, hourCpu * 1e6 / Math.max(1, runs), heapRegistered / 1e6,
        heapRegistered / 1e3 / n, heapAfter / 1e6);
  }

  private static TaskStatus status(String task, TaskState state, Instant at) {
    return new TaskStatus(task, state, "", "", "agent-1",
        state == TaskState.FINISHED ? OptionalInt.of(0) : OptionalInt.empty(), Optional.empty(), at,
        TaskStatus.Source.AGENT, "", "");
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    var m = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return m.getUsed();
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    tasks.forEach(t -> launched.add(t.taskId()));
  }

  @Override
  public void kill(String taskId) {}

  @Override
  public void decline(String offerId, Duration refuse) {}

  @Override
  public void revive() {}

  @Override
  public void reconcile(Collection<TaskRef> tasks) {}

  @Override
  public void acknowledge(TaskStatus status) {}
}
