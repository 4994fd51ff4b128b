package dev.drover.sdk.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.model.TaskState;
import dev.drover.sdk.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AcknowledgementPolicyTest {
  final RecordingDriver driver = new RecordingDriver();
  final TaskStatus fromAgent = new TaskStatus("t1", TaskState.RUNNING, "", "", "a1", OptionalInt.empty(),
      Optional.empty(), Instant.EPOCH, TaskStatus.Source.AGENT, "", "0a0b");

  @Test
  void explicitAcknowledgesOnlyAfterSuccess() {
    CompletableFuture<Void> persisted = new CompletableFuture<>();
    AcknowledgementPolicy.EXPLICIT.acknowledgeWhenDone(driver, fromAgent, persisted);
    assertEquals(List.of(), driver.drain());
    persisted.complete(null);
    assertEquals(List.of("ack t1"), driver.drain());
    AcknowledgementPolicy.EXPLICIT.acknowledgeWhenDone(driver, fromAgent,
        CompletableFuture.failedFuture(new RuntimeException("disk")));
    assertEquals(List.of(), driver.drain());
  }

  @Test
  void implicitAndMasterUpdatesNeverAcknowledgeByHand() {
    AcknowledgementPolicy.IMPLICIT.acknowledgeWhenDone(driver, fromAgent, CompletableFuture.completedFuture(null));
    AcknowledgementPolicy.EXPLICIT.acknowledgeWhenDone(driver, TaskStatus.of("t", TaskState.LOST, "", "", ""),
        CompletableFuture.completedFuture(null));
    assertEquals(List.of(), driver.drain());
  }
}
