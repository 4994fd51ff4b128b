package dev.drover.jobs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunLifecycle;
import dev.drover.jobs.run.RunStatus;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void firesEachTickOnTimeFromHeldOffers() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("tick", "*/10 * * * * *", "ALLOW", ""));
    h.offer();
    assertTrue(h.declined.isEmpty(), "offers are held while a tick is near");
    h.advance(Duration.ofSeconds(9));
    assertEquals(0, h.launched.size());
    h.advance(Duration.ofSeconds(1));
    assertEquals(1, h.launched.size(), "launched at the tick, from the held offer");
    JobRun run = h.state("tick").runs().values().stream().filter(JobRun::isActive).findFirst().orElseThrow();
    assertEquals(Instant.parse("2026-03-01T00:00:10Z"), run.scheduledAt());
    assertEquals(run.scheduledAt(), run.launchedAt());
    h.status(h.lastTask(), TaskState.RUNNING);
    h.status(h.lastTask(), TaskState.FINISHED);
    assertEquals(RunStatus.SUCCESS, h.state("tick").successful().get(0).status());
    assertEquals(1, h.state("tick").summary().successCount());
    assertTrue(h.acked.contains(run.taskId()));
  }

  @Test
  void forbidSkipsTheTickWhileARunIsActiveAndRecordsWhy() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("f", "*/10 * * * * *", "FORBID", ""));
    h.offer();
    h.advance(Duration.ofSeconds(10));
    String first = h.lastTask();
    h.status(first, TaskState.RUNNING);
    h.offer();
    h.advance(Duration.ofSeconds(10));
    assertEquals(1, h.launched.size());
    JobRun missed = h.state("f").failed().get(0);
    assertEquals(RunStatus.MISSED, missed.status());
    assertTrue(missed.reason().startsWith("FORBID: run "), missed.reason());
    assertEquals(1, h.state("f").summary().missedCount());
  }

  @Test
  void allowRunsAlongside() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("a", "*/10 * * * * *", "ALLOW", ""));
    h.offer();
    h.advance(Duration.ofSeconds(10));
    h.status(h.lastTask(), TaskState.RUNNING);
    h.offer();
    h.advance(Duration.ofSeconds(10));
    assertEquals(2, h.launched.size());
    assertEquals(2, h.state("a").runs().values().stream().filter(JobRun::isActive).count());
  }

  @Test
  void replaceStopsTheActiveRunThenStartsTheNewOne() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("r", "*/10 * * * * *", "REPLACE", ""));
    h.offer();
    h.advance(Duration.ofSeconds(10));
    String first = h.lastTask();
    h.status(first, TaskState.RUNNING);
    h.offer();
    h.advance(Duration.ofSeconds(10));
    assertEquals(List.of(first), h.killed);
    assertEquals(2, h.launched.size());
    h.status(first, TaskState.KILLED);
    JobRun replaced = h.state("r").failed().get(0);
    assertEquals(RunStatus.FAILED, replaced.status());
    assertTrue(replaced.reason().startsWith("REPLACE: replaced by run"), replaced.reason());
  }

  @Test
  void manualRunUnderForbidIsRefusedWithTheReason() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("m", "0 0 1 1 *", "FORBID", ""));
    JobRun run = h.engine.startNow("m");
    assertEquals(RunStatus.STARTING, run.status());
    h.offer();
    assertEquals(1, h.launched.size());
    Rejected r = org.junit.jupiter.api.Assertions.assertThrows(Rejected.class, () -> h.engine.startNow("m"));
    assertEquals(409, r.status());
    assertTrue(r.getMessage().contains("FORBID: run " + run.id()));
  }

  @Test
  void aRunWithoutAnOfferPastItsStartingDeadlineIsMissedNotRunLate() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("late", "*/10 * * * * *", "ALLOW", ""));  // deadline 30 s
    h.advance(Duration.ofSeconds(10));
    h.advance(Duration.ofSeconds(31));
    h.offer();
    h.advance(Duration.ofMillis(1));
    JobRun missed = h.state("late").failed().stream()
        .filter(r -> r.scheduledAt().equals(T0.plusSeconds(10))).findFirst().orElseThrow();
    assertEquals(RunStatus.MISSED, missed.status());
    assertEquals(RunLifecycle.STARTING_DEADLINE, missed.reason());
    assertTrue(h.launched.stream().noneMatch(t -> t.taskId().contains(missed.id())));
  }

  @Test
  void onFailureRetriesWithDoublingBackoffUntilTheRestartDeadline() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'retry','run':{'cmd':'false','cpus':0.1,'mem':32,"
        + "'restart':{'policy':'ON_FAILURE','activeDeadlineSeconds':5}}}"));
    h.engine.startNow("retry");
    h.offer();
    h.status(h.lastTask(), TaskState.FAILED);              // t=0, retry in 1 s
    h.offer();
    h.advance(Duration.ofMillis(999));
    assertEquals(1, h.launched.size());
    h.advance(Duration.ofMillis(1));
    assertEquals(2, h.launched.size(), "second attempt after 1 s");
    assertTrue(h.lastTask().endsWith("_2"));
    h.status(h.lastTask(), TaskState.FAILED);              // t=1, retry in 2 s
    h.offer();
    h.advance(Duration.ofSeconds(2));
    assertEquals(3, h.launched.size(), "third attempt after 2 more s");
    h.advance(Duration.ofSeconds(3));                     // t=6: past the 5 s restart deadline
    h.status(h.lastTask(), TaskState.FAILED);
    JobRun failed = h.state("retry").failed().get(0);
    assertEquals(RunStatus.FAILED, failed.status());
    assertEquals(3, failed.attempt());
    assertEquals(1, failed.exitCode());
  }

  @Test
  void neverPolicyFailsAtOnce() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'once','run':{'cmd':'false','cpus':0.1,'mem':32}}"));
    h.engine.startNow("once");
    h.offer();
    h.status(h.lastTask(), TaskState.FAILED);
    assertEquals(RunStatus.FAILED, h.state("once").failed().get(0).status());
    assertEquals(1, h.launched.size());
  }

  @Test
  void activeDeadlineKillsAnOverrunningRun() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'slow','run':{'cmd':'sleep 100','cpus':0.1,'mem':32,"
        + "'activeDeadlineSeconds':3}}"));
    h.engine.startNow("slow");
    h.offer();
    h.status(h.lastTask(), TaskState.RUNNING);
    h.advance(Duration.ofSeconds(2));
    assertTrue(h.killed.isEmpty());
    h.advance(Duration.ofSeconds(1));
    assertEquals(List.of(h.lastTask()), h.killed);
    h.status(h.lastTask(), TaskState.KILLED);
    JobRun r = h.state("slow").failed().get(0);
    assertEquals(RunStatus.FAILED, r.status());
    assertEquals(RunLifecycle.ACTIVE_DEADLINE, r.reason());
  }

  @Test
  void suspendedScheduleDoesNotFireAndResumesFromNow() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("sus", "*/10 * * * * *", "ALLOW", ""));
    var spec = h.state("sus").spec();
    h.engine.update(spec.withSchedules(List.of(spec.schedules().get(0).withEnabled(false))), false);
    h.offer();
    h.advance(Duration.ofSeconds(60));
    assertEquals(0, h.launched.size());
    h.engine.update(spec, false);
    h.offer();
    h.advance(Duration.ofSeconds(10));
    assertEquals(1, h.launched.size());
    assertEquals(0, h.state("sus").summary().missedCount(), "ticks while suspended are not missed");
  }

  @Test
  void onlyTheOffersTheNextTicksNeedAreHeldTheRestGoBackToOtherFrameworks() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("often", "*/5 * * * * *", "FORBID", ""));
    h.offer();
    h.offer();
    h.offer();
    assertEquals(List.of("o2", "o3"), h.declined, "one offer covers the runs due within the hold window");
    h.advance(Duration.ofSeconds(5));
    assertEquals(1, h.launched.size(), "the tick still launches from the offer held for it");
  }

  @Test
  void offersAreDeclinedWhenNothingIsDueSoon() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.every("far", "0 0 1 1 *", "ALLOW", ""));
    h.offer();
    assertEquals(List.of("o1"), h.declined);
  }

  @Test
  void historyIsBoundedButCountsAreKept() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'h','run':{'cmd':'true','cpus':0.1,'mem':32},"
        + "'historyLimits':{'successful':2,'failed':1}}"));
    for (int i = 0; i < 4; i++) {
      h.engine.startNow("h");
      h.offer();
      h.status(h.lastTask(), TaskState.FINISHED);
    }
    assertEquals(2, h.state("h").successful().size());
    assertEquals(4, h.state("h").summary().successCount());
  }

  @Test
  void aBatchOfStatusUpdatesIsWrittenTogetherAndAcknowledgedAfterwards() {
    Harness h = new Harness(T0);
    for (int i = 0; i < 3; i++) {
      h.engine.create(Harness.every("b" + i, "*/10 * * * * *", "ALLOW", ""));
    }
    h.offer();
    h.advance(Duration.ofSeconds(10));
    assertEquals(3, h.launched.size());
    List<dev.drover.sdk.TaskStatus> batch = new java.util.ArrayList<>();
    for (var t : h.launched) {
      batch.add(h.statusOf(t.taskId(), TaskState.RUNNING));
      batch.add(h.statusOf(t.taskId(), TaskState.FINISHED));
    }
    batch.add(h.statusOf("nobody_1_1", TaskState.RUNNING));  // an orphan, handled on its own and killed
    h.engine.statusUpdates(batch);
    for (int i = 0; i < 3; i++) {
      assertEquals(RunStatus.SUCCESS, h.state("b" + i).successful().get(0).status());
    }
    assertEquals(7, h.acked.size());
    assertEquals(List.of("nobody_1_1"), h.killed);
    Harness n = h.failover();
    assertEquals(1, n.state("b0").summary().successCount(), "the batch was written");
  }

  @Test
  void placementConstraintsInMetronomeFormDecideTheAgent() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'pinned','run':{'cmd':'true','cpus':0.1,'mem':32,'placement':{"
        + "'constraints':[{'attribute':'hostname','operator':'IS','value':'host-2'}]}}}"));
    h.engine.startNow("pinned");
    h.offer();                                                       // host-1 only
    assertEquals(0, h.launched.size());
    String why = h.engine.queue().values().iterator().next();
    assertTrue(why.contains("hostname"), why);
    h.engine.resourceOffers(List.of(new dev.drover.sdk.Offer("o-2", "agent-2", "host-2",
        dev.drover.model.Resources.of(4, 4096, 0), java.util.Map.of())));
    assertEquals(1, h.launched.size());
    assertEquals("agent-2", h.state("pinned").runs().values().iterator().next().agentId());
  }

  @Test
  void aDroppedLaunchIsQueuedAgainNotFailed() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job("{'id':'d','run':{'cmd':'true','cpus':0.1,'mem':32}}"));
    h.engine.startNow("d");
    h.offer();
    String task = h.lastTask();
    h.status(task, TaskState.DROPPED);
    assertEquals(RunStatus.STARTING, h.state("d").runs().values().iterator().next().status());
    h.offer();
    assertEquals(2, h.launched.size());
    assertEquals(task, h.lastTask(), "the same attempt, launched again");
  }
}
