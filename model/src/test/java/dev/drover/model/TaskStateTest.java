package dev.drover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.rpc.ProtoResources;
import org.junit.jupiter.api.Test;

class TaskStateTest {
  @Test
  void terminalStatesNeverChange() {
    for (TaskState from : TaskState.values()) {
      if (from.isTerminal()) {
        for (TaskState to : TaskState.values()) {
          assertFalse(from.canTransitionTo(to), from + " -> " + to);
        }
      }
    }
  }

  @Test
  void normalLifecycleIsAllowed() {
    assertTrue(TaskState.STAGING.canTransitionTo(TaskState.STARTING));
    assertTrue(TaskState.STARTING.canTransitionTo(TaskState.RUNNING));
    assertTrue(TaskState.RUNNING.canTransitionTo(TaskState.RUNNING));
    assertTrue(TaskState.RUNNING.canTransitionTo(TaskState.FINISHED));
    assertTrue(TaskState.RUNNING.canTransitionTo(TaskState.UNREACHABLE));
    assertTrue(TaskState.UNREACHABLE.canTransitionTo(TaskState.RUNNING));
    assertFalse(TaskState.RUNNING.canTransitionTo(TaskState.STAGING));
    assertFalse(TaskState.RUNNING.canTransitionTo(TaskState.STARTING));
  }

  @Test
  void everyStateMapsToTheWireAndBack() {
    for (TaskState s : TaskState.values()) {
      assertEquals(s, ProtoResources.toDomain(ProtoResources.toProto(s)));
    }
  }
}
