package dev.drover.jobs.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * Maps a local wall-clock time in a zone to the instant it fires, with Drover's daylight-saving rule: a time in a
 * spring-forward gap fires at the first instant after the gap (the transition instant); a time that occurs twice in
 * a fall-back overlap maps to its first occurrence only.
 */
final class WallClock {
  private WallClock() {}

  static Instant toInstant(LocalDateTime local, ZoneId zone) {
    var rules = zone.getRules();
    var offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return local.toInstant(offsets.get(0));  // the earlier offset: the first occurrence in an overlap
  }
}
