package dev.drover.jobs.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Builds the {@link Trigger} of a schedule's {@code cron} field. */
public final class Triggers {
  private Triggers() {}

  /**
   * A cron (5 or 6 fields) or ISO 8601 repeating interval in {@code timezone}.
   *
   * @throws IllegalArgumentException with a reason fit for a 422 when the expression or zone is invalid
   */
  public static Trigger parse(String cron, String timezone) {
    ZoneId zone = zone(timezone);
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return IsoIntervalTrigger.looksLikeOne(cron) ? IsoIntervalTrigger.parse(cron, zone) : CronTrigger.parse(cron, zone);
  }

  /** A java.time zone id; throws IllegalArgumentException naming it when unknown. */
  public static ZoneId zone(String timezone) {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + timezone + "'");
    }
  }
}
