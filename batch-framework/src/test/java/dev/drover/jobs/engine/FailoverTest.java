package dev.drover.jobs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunStatus;
import dev.drover.model.TaskState;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailoverTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static List<Instant> ticksOf(Harness h, String job) {
    List<JobRun> all = new ArrayList<>(h.state(job).runs().values());
    all.addAll(h.history(job));
    return all.stream().map(JobRun::scheduledAt).sorted().collect(Collectors.toList());
  }

  @Test
  void aNewLeaderAdoptsTheLaunchedRunAndFiresTheGapTicksWithinTheirDeadline() {
    Harness a = new Harness(T0);
    a.engine.create(Harness.every("j", "*/10 * * * * *", "ALLOW", ""));
    a.offer();
    a.advance(Duration.ofSeconds(10));        // tick 10 launched by the old leader
    String launchedByA = a.lastTask();
    a.status(launchedByA, TaskState.RUNNING);
    a.advance(Duration.ofSeconds(11));        // t = 21: tick 20 fired but no offer was held; the old leader dies
    Harness b = a.failover();
    b.advance(Duration.ofSeconds(4));         // t = 25
    assertEquals(0, b.launched.size(), "nothing launches before the subscription and reconciliation");
    b.engine.subscribed();
    assertEquals(2, b.reconciled.size(), b.reconciled.toString());
    assertTrue(b.reconciled.contains(launchedByA), b.reconciled.toString());
    // The master knows the launched task, and has never seen tick 20's.
    b.status(launchedByA, TaskState.RUNNING, TaskStatus.Source.MASTER, null);
    for (String t : List.copyOf(b.reconciled)) {
      if (!t.equals(launchedByA)) {
        b.status(t, TaskState.LOST, TaskStatus.Source.MASTER, null);
      }
    }
    b.offer();
    assertEquals(1, b.launched.size(), "tick 20 runs late but within its deadline; tick 10 is not re-run");
    b.offer();
    b.advance(Duration.ofSeconds(5));          // t = 30
    assertEquals(List.of(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30)), ticksOf(b, "j"),
        "each tick exactly once");
    assertEquals(2, b.launched.size());
    assertTrue(b.launched.stream().noneMatch(t -> t.taskId().equals(launchedByA)));
    b.status(launchedByA, TaskState.FINISHED);
    assertEquals(RunStatus.SUCCESS, b.state("j").successful().get(0).status());
  }

  @Test
  void reconciliationReasksWithBackOffUntilAnsweredThenAsksImplicitly() {
    Harness a = new Harness(T0);
    a.engine.create(Harness.every("j", "*/10 * * * * *", "ALLOW", ""));
    a.offer();
    a.advance(Duration.ofSeconds(10));
    String task = a.lastTask();
    a.status(task, TaskState.RUNNING);
    Harness b = a.failover();
    b.engine.subscribed();
    assertEquals(List.of(task), b.reconciled);
    b.advance(Duration.ofSeconds(1));
    assertEquals(List.of(task, task), b.reconciled, "unanswered: asked again after 1 s");
    b.advance(Duration.ofSeconds(1));
    assertEquals(2, b.reconciled.size(), "then after 2 s, not 1");
    assertEquals(0, b.implicitReconciles);
    b.status(task, TaskState.RUNNING, TaskStatus.Source.MASTER, null);
    assertEquals(1, b.implicitReconciles, "answered: one implicit round for tasks the engine does not know");
  }

  @Test
  void ticksPastTheirDeadlineDuringTheGapAreRecordedAsMissed() {
    Harness a = new Harness(T0);
    a.engine.create(Harness.every("j", "*/10 * * * * *", "ALLOW", ""));
    Harness b = a.failover();
    b.advance(Duration.ofSeconds(75));        // ticks 10..40 are past their 30 s deadline at load? load is at t=0
    Harness c = b.failover();                 // a leader loading at t=75
    b.engine.stop();
    List<JobRun> missed = c.state("j").failed();
    assertTrue(missed.stream().allMatch(r -> r.status() == RunStatus.MISSED));
    assertEquals(List.of(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(40)),
        missed.stream().map(JobRun::scheduledAt).sorted().toList());
    assertTrue(c.state("j").lastFired().get("s").isAfter(T0.plusSeconds(40)));
  }

  @Test
  void aDeposedLeaderCannotOverwriteItsSuccessorsState() {
    Harness a = new Harness(T0);
    a.engine.create(Harness.job("{'id':'j','run':{'cmd':'true','cpus':0.1,'mem':32}}"));
    Harness b = new Harness(a.timer, a.store);  // the new leader loads while the old one still runs
    b.engine.startNow("j");
    org.junit.jupiter.api.Assertions.assertThrows(dev.drover.jobs.store.JobRepository.Fenced.class,
        () -> a.engine.startNow("j"));
    Harness c = new Harness(a.timer, a.store);
    assertEquals(1, c.state("j").runs().size(), "only the new leader's run was written");
  }
}
