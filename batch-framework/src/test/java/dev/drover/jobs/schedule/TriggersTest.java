package dev.drover.jobs.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriggersTest {
  private static Instant at(String s) {
    return Instant.parse(s);
  }

  private static List<Instant> next(Trigger t, Instant from, int n) {
    List<Instant> out = new ArrayList<>();
    Instant cur = from;
    for (int i = 0; i < n; i++) {
      Optional<Instant> x = t.nextAfter(cur);
      if (x.isEmpty()) {
        break;
      }
      out.add(x.get());
      cur = x.get();
    }
    return out;
  }

  @Test
  void fiveFieldCronInSeveralZones() {
    Instant from = at("2026-06-01T00:00:00Z");
    assertEquals(at("2026-06-02T00:00:00Z"), Triggers.parse("0 9 * * *", "Asia/Tokyo").nextAfter(from).get());
    assertEquals(at("2026-06-01T03:30:00Z"), Triggers.parse("0 9 * * *", "Asia/Kolkata").nextAfter(from).get());
    assertEquals(at("2026-06-01T13:00:00Z"), Triggers.parse("0 9 * * *", "America/New_York").nextAfter(from).get());
    assertEquals(at("2026-06-01T09:00:00Z"), Triggers.parse("0 9 * * *", "UTC").nextAfter(from).get());
    assertEquals(at("2026-06-01T07:00:00Z"), Triggers.parse("0 9 * * *", "Europe/Berlin").nextAfter(from).get());
  }

  @Test
  void springForwardGapFiresAtTheFirstInstantAfterTheGap() {
    Trigger t = Triggers.parse("30 2 * * *", "America/New_York");  // 2026-03-08 02:00 EST -> 03:00 EDT
    assertEquals(List.of(at("2026-03-07T07:30:00Z"), at("2026-03-08T07:00:00Z"), at("2026-03-09T06:30:00Z")),
        next(t, at("2026-03-07T00:00:00Z"), 3));
  }

  @Test
  void fallBackOverlapFiresOnceAtTheFirstOccurrence() {
    Trigger t = Triggers.parse("30 1 * * *", "America/New_York");  // 2026-11-01 02:00 EDT -> 01:00 EST
    assertEquals(List.of(at("2026-10-31T05:30:00Z"), at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z")),
        next(t, at("2026-10-31T00:00:00Z"), 3));
    Trigger q = Triggers.parse("*/30 * * * *", "America/New_York");
    assertEquals(List.of(at("2026-11-01T05:00:00Z"), at("2026-11-01T05:30:00Z"), at("2026-11-01T07:00:00Z")),
        next(q, at("2026-11-01T04:45:00Z"), 3), "the repeated hour 01:00-01:59 EST does not fire again");
    assertEquals(at("2026-11-01T07:00:00Z"), q.nextAfter(at("2026-11-01T06:10:00Z")).get(),
        "asked from inside the second occurrence, the next fire is after it");
  }

  @Test
  void dstInEuropeBothWays() {
    Trigger t = Triggers.parse("0 2 * * *", "Europe/Berlin");
    assertEquals(at("2026-03-29T01:00:00Z"), t.nextAfter(at("2026-03-28T12:00:00Z")).get());  // gap 02:00 -> 03:00
    assertEquals(at("2026-10-25T00:00:00Z"), t.nextAfter(at("2026-10-24T12:00:00Z")).get());  // first 02:00 (CEST)
    assertEquals(at("2026-10-26T01:00:00Z"), t.nextAfter(at("2026-10-25T00:00:00Z")).get());
  }

  @Test
  void sixFieldCronHasSecondsFirst() {
    Trigger t = Triggers.parse("*/5 * * * * *", "UTC");
    assertEquals(List.of(at("2026-01-01T00:00:05Z"), at("2026-01-01T00:00:10Z")),
        next(t, at("2026-01-01T00:00:00Z"), 2));
  }

  @Test
  void isoRepeatingIntervalLikeChronos() {
    Trigger t = Triggers.parse("R3/2026-01-01T00:00:00Z/PT5S", "UTC");
    assertEquals(List.of(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:05Z"), at("2026-01-01T00:00:10Z")),
        next(t, at("2025-12-31T00:00:00Z"), 10));
    Trigger forever = Triggers.parse("R/2026-01-01T00:00:00Z/PT1H", "UTC");
    assertEquals(at("2026-05-01T01:00:00Z"), forever.nextAfter(at("2026-05-01T00:00:00Z")).get());
    Trigger monthly = Triggers.parse("R/2026-01-31T10:00:00+01:00/P1M", "Europe/Berlin");
    assertEquals(at("2026-02-28T09:00:00Z"), monthly.nextAfter(at("2026-02-01T00:00:00Z")).get());
  }

  @Test
  void invalidExpressionsAreRejectedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Triggers.parse("* * *", "UTC"));
    assertTrue(e.getMessage().contains("5 fields"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Triggers.parse("61 * * * *", "UTC"));
    assertThrows(IllegalArgumentException.class, () -> Triggers.parse("R/nope/PT5S", "UTC"));
    assertThrows(IllegalArgumentException.class, () -> Triggers.parse("R/2026-01-01T00:00:00Z/PT0S", "UTC"));
    e = assertThrows(IllegalArgumentException.class, () -> Triggers.parse("* * * * *", "Mars/Olympus"));
    assertTrue(e.getMessage().contains("unknown time zone"));
  }

  @Test
  void isoIntervalsThatCannotBeComputedAreRejected() {
    for (String bad : List.of("R-1/2026-01-01T00:00:00Z/PT5S", "R+3/2026-01-01T00:00:00Z/PT5S",
        "R/2026-01-01T00:00:00Z/PT0.5S", "R/+999999999-01-01T00:00:00Z/PT5S", "R/-999999999-01-01T00:00:00Z/P1D",
        "R/0000-12-31T00:00:00Z/PT1H")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Triggers.parse(bad, "UTC"),
          bad);
      assertTrue(e.getMessage().contains("must"), e.getMessage());
    }
  }

  @Test
  void isoIntervalsFromLongAgoDoNotOverflow() {
    Trigger everySecond = Triggers.parse("R/0001-01-01T00:00:00Z/PT1S", "UTC");
    assertEquals(at("2026-05-01T00:00:01Z"), everySecond.nextAfter(at("2026-05-01T00:00:00Z")).get());
    Trigger daily = Triggers.parse("R/0001-01-01T10:00:00Z/P1D", "UTC");
    assertEquals(at("2026-05-01T10:00:00Z"), daily.nextAfter(at("2026-05-01T00:00:00Z")).get());
    Trigger late = Triggers.parse("R/9999-12-31T00:00:00Z/PT1H", "UTC");
    assertEquals(at("9999-12-31T00:00:00Z"), late.nextAfter(at("2026-05-01T00:00:00Z")).get());
  }
}
