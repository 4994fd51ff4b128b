package dev.drover.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A task with several checks is healthy when all pass and unhealthy as soon as one fails. */
class HealthVerdictTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void healthyOnlyWhenEveryCheckIs() {
    HealthVerdict v = new HealthVerdict(2);
    assertEquals(java.util.Optional.empty(), v.update(0, true), "the other check has not spoken yet");
    assertEquals(java.util.Optional.of(true), v.update(1, true));
    assertEquals(java.util.Optional.of(false), v.update(1, false));
    assertEquals(java.util.Optional.empty(), v.update(0, false), "still unhealthy: no new update");
    assertEquals(java.util.Optional.empty(), v.update(1, true), "check 0 still fails");
    assertEquals(java.util.Optional.of(true), v.update(0, true));
  }

  @Test
  void oneFailingCheckOfTwoMakesTheTaskUnhealthy() {
    List<Boolean> changes = new ArrayList<>();
    AtomicBoolean second = new AtomicBoolean(false);
    HealthCheckSpec spec = new HealthCheckSpec(HealthCheckSpec.Type.TCP, "", 1, 0, "http",
        java.util.Optional.empty(), Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(500), 2, Duration.ZERO);
    HealthChecker checker = new HealthChecker("t", List.of(new HealthChecker.Check(spec, () -> true),
        new HealthChecker.Check(spec, second::get)), Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC), START,
        changes::add);
    checker.runOnce(0);
    checker.runOnce(1);
    assertEquals(List.of(), changes, "one failure of two allowed; the other check alone proves nothing");
    checker.runOnce(1);
    assertEquals(List.of(false), changes);
    checker.runOnce(0);
    assertEquals(List.of(false), changes, "the passing check does not hide the failing one");
    second.set(true);
    checker.runOnce(1);
    assertEquals(List.of(false, true), changes);
    checker.stop();
    second.set(false);
    checker.runOnce(1);
    checker.runOnce(1);
    assertEquals(List.of(false, true), changes, "nothing after stop");
  }
}
