package dev.drover.jobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.store.JobRepository;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** An engine over a manual clock, an in-memory store and a recording cluster; one per test. */
final class Harness implements Cluster {
  final ManualTimer timer;
  final InMemoryStateStore store;
  final List<TaskSpec> launched = new ArrayList<>();
  final List<String> killed = new ArrayList<>();
  final List<String> declined = new ArrayList<>();
  final List<String> reconciled = new ArrayList<>();
  int implicitReconciles;
  final List<String> acked = new ArrayList<>();
  int offerSeq;
  JobsEngine engine;

  Harness(Instant start) {
    this(new ManualTimer(start), new InMemoryStateStore());
  }

  Harness(ManualTimer timer, InMemoryStateStore store) {
    this.timer = timer;
    this.store = store;
    this.engine = new JobsEngine(timer, new JobRepository(store), this, EngineListener.NONE, Duration.ofSeconds(2));
    engine.load();
  }

  /** A second engine over the same store and clock (a new leader). */
  Harness failover() {
    engine.stop();
    return new Harness(timer, store);
  }

  static JobSpec job(String json) {
    try {
      JsonNode n = JobJson.MAPPER.readTree(json.replace('\'', '"'));
      return JobJson.parseJob(n);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JobSpec every(String id, String cron, String policy, String extraRun) {
    return job("{'id':'" + id + "','run':{'cmd':'true','cpus':0.1,'mem':32" + extraRun + "},"
        + "'schedules':[{'id':'s','cron':'" + cron + "','concurrencyPolicy':'" + policy
        + "','startingDeadlineSeconds':30}]}");
  }

  void offer() {
    engine.resourceOffers(List.of(new Offer("o" + ++offerSeq, "agent-1", "host-1", Resources.of(64, 65536, 10000),
        Map.of())));
  }

  void advance(Duration d) {
    timer.advance(d);
  }

  void status(String taskId, TaskState state) {
    Integer exit = state == TaskState.FINISHED ? Integer.valueOf(0) : state == TaskState.FAILED ? Integer.valueOf(1)
        : null;
    status(taskId, state, TaskStatus.Source.AGENT, exit);
  }

  void status(String taskId, TaskState state, TaskStatus.Source source, Integer exit) {
    engine.statusUpdate(new TaskStatus(taskId, state, "", "", "agent-1",
        exit == null ? OptionalInt.empty() : OptionalInt.of(exit), Optional.empty(), timer.now(), source, "", "u"));
  }

  TaskStatus statusOf(String taskId, TaskState state) {
    return new TaskStatus(taskId, state, "", "", "agent-1",
        state == TaskState.FINISHED ? OptionalInt.of(0) : OptionalInt.empty(), Optional.empty(), timer.now(),
        TaskStatus.Source.AGENT, "", "u");
  }

  String lastTask() {
    return launched.get(launched.size() - 1).taskId();
  }

  JobState state(String jobId) {
    return engine.job(jobId);
  }

  List<JobRun> history(String jobId) {
    List<JobRun> all = new ArrayList<>(state(jobId).successful());
    all.addAll(state(jobId).failed());
    return all;
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    launched.addAll(tasks);
  }

  @Override
  public void kill(String taskId) {
    killed.add(taskId);
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    declined.add(offerId);
  }

  @Override
  public void revive() {}

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    tasks.forEach(t -> reconciled.add(t.taskId()));
    if (tasks.isEmpty()) {
      implicitReconciles++;
    }
  }

  @Override
  public void acknowledge(TaskStatus status) {
    acked.add(status.taskId());
  }
}
