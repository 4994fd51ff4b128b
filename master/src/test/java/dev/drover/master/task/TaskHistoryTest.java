package dev.drover.master.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.master.events.ClusterEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskHistoryTest {
  private static ClusterEvent update(String task, String state) {
    return new ClusterEvent("TASK_UPDATED", Map.of("taskId", task, "frameworkId", "fw", "agentId", "a1",
        "state", state));
  }

  @Test
  void keepsEachTasksStatesInOrderWithTheTimeSeen() {
    TaskHistory history = new TaskHistory(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    history.accept(update("t1", "TASK_STAGING"));
    history.accept(update("t1", "TASK_RUNNING"));
    history.accept(update("t1", "TASK_RUNNING"));
    history.accept(update("t2", "TASK_FAILED"));
    history.accept(new ClusterEvent("AGENT_ADDED", Map.of("agentId", "a1")));
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
      history.accept(update("t1", i % 2 == 0 ? "TASK_RUNNING" : "TASK_UNREACHABLE"));
    }
    assertEquals(TaskHistory.PER_TASK, history.of("fw", "t1").size());
  }

  @Test
  void latchNodesSortBySequence() {
    assertEquals("0000000007", ZkDirectory.sequence("/master/election/_c_ab-cd-latch-0000000007"));
  }
}
