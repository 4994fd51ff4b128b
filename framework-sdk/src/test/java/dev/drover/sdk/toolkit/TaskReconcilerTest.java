package dev.drover.sdk.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.model.TaskState;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskReconcilerTest {
  final ManualTimer timer = new ManualTimer();
  final RecordingDriver driver = new RecordingDriver();
  final List<TaskRef> known = new ArrayList<>(List.of(TaskRef.of("t1", "a1"), TaskRef.of("t2")));
  final TaskReconciler r = new TaskReconciler(driver, () -> known, timer, Duration.ofMinutes(10),
      Duration.ofSeconds(1), Duration.ofSeconds(4));

  static TaskStatus status(String id) {
    return TaskStatus.of(id, TaskState.RUNNING, "REASON_RECONCILIATION", "", "a1");
  }

  @Test
  void explicitThenImplicitOnSubscribe() {
    r.subscribed();
    assertEquals(List.of("reconcile [t1, t2]"), driver.drain());
    r.statusUpdate(status("t1"));
    assertEquals(List.of("t2"), r.unanswered());
    r.statusUpdate(status("t2"));
    assertEquals(List.of("reconcile []"), driver.drain());
    assertEquals(1, r.completedRounds());
  }

  @Test
  void reAsksUnansweredTasksWithBackoff() {
    r.subscribed();
    driver.drain();
    r.statusUpdate(status("t1"));
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of("reconcile [t2]"), driver.drain());
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), driver.drain(), "second wait is 2 s");
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of("reconcile [t2]"), driver.drain());
    timer.advance(Duration.ofSeconds(4));
    timer.advance(Duration.ofSeconds(4));
    assertEquals(List.of("reconcile [t2]", "reconcile [t2]"), driver.drain(), "back-off capped at 4 s");
  }

  @Test
  void periodicRoundsAndNothingWhileDisconnected() {
    known.clear();
    r.subscribed();
    assertEquals(List.of("reconcile []"), driver.drain());
    timer.advance(Duration.ofMinutes(10));
    assertEquals(List.of("reconcile []"), driver.drain());
    r.disconnected();
    timer.advance(Duration.ofHours(1));
    assertEquals(List.of(), driver.drain());
    known.add(TaskRef.of("t3"));
    r.subscribed();
    assertEquals(List.of("reconcile [t3]"), driver.drain());
  }
}
