package dev.drover.sdk.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimerTest {
  @Test
  void runsDueTasksInTimeOrderIncludingTasksTheySchedule() {
    ManualTimer t = new ManualTimer();
    List<String> ran = new ArrayList<>();
    t.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + t.now().getEpochSecond() % 60));
    t.schedule(Duration.ofSeconds(1), () -> {
      ran.add("a");
      t.schedule(Duration.ofMillis(500), () -> ran.add("a2"));
    });
    t.schedule(Duration.ofSeconds(3), () -> ran.add("never")).cancel();
    t.advance(Duration.ofSeconds(5));
    assertEquals(List.of("a", "a2", "b@2"), ran);
    assertEquals(List.of(), t.pending());
  }
}
