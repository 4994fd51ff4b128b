package dev.drover.master.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskHistoryTest {
  private static void update(TaskHistory history, String task, String state) {
    history.record("fw", task, state, "a1");
  }

  @Test
  void keepsEachTasksStatesInOrderWithTheTimeSeen() {
    TaskHistory history = new TaskHistory(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    update(history, "t1", "TASK_STAGING");
    update(history, "t1", "TASK_RUNNING");
    update(history, "t1", "TASK_RUNNING");
    update(history, "t2", "TASK_FAILED");
    assertEquals(List.of("TASK_STAGING", "TASK_RUNNING"),
        history.of("fw", "t1").stream().map(TaskHistory.Entry::state).toList());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), history.of("fw", "t1").get(0).time());
    assertEquals(1, history.of("fw", "t2").size());
    assertEquals(List.of(), history.of("other", "t1"));
  }

  @Test
  void isBoundedPerTask() {
    TaskHistory history = new TaskHistory(Clock.systemUTC());
    for (int i = 0; i < TaskHistory.PER_TASK + 5; i++) {
      update(history, "t1", i % 2 == 0 ? "TASK_RUNNING" : "TASK_UNREACHABLE");
    }
    assertEquals(TaskHistory.PER_TASK, history.of("fw", "t1").size());
  }
}
