package dev.drover.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Chronos' ISO 8601 repeating interval {@code R[n]/<start>/<period>}: fires at start, start + period, ... ({@code n}
 * times, or forever without {@code n}). A time-based period ({@code PT5S}, {@code P1DT2H}) adds exact durations; a
 * calendar period ({@code P1M}, {@code P1W}) adds calendar units in the schedule's zone.
 */
final class IsoIntervalTrigger implements Trigger {
  private final long repetitions;  // -1 = forever
  private final ZonedDateTime start;
  private final Duration exact;
  private final Period calendar;

  private IsoIntervalTrigger(long repetitions, ZonedDateTime start, Duration exact, Period calendar) {
    this.repetitions = repetitions;
    this.start = start;
    this.exact = exact;
    this.calendar = calendar;
  }

  static boolean looksLikeOne(String s) {
    return s.trim().startsWith("R");
  }

  static IsoIntervalTrigger parse(String s, ZoneId zone) {
    String[] parts = s.trim().split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException("an ISO 8601 repeating interval is R[n]/<start>/<period>, got '" + s + "'");
    }
    String count = parts[0].substring(1);
    long n;
    try {
      if (!count.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new NumberFormatException(count);
      }
      n = count.isEmpty() ? -1 : Long.parseLong(count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("repetitions must be R or R<n> with n a non-negative integer, got '"
          + parts[0] + "'");
    }
    ZonedDateTime start;
    try {
      start = OffsetDateTime.parse(parts[1]).atZoneSameInstant(zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("start must be an ISO 8601 date-time with offset, got '" + parts[1] + "'");
    }
    if (start.getYear() < 1 || start.getYear() > 9999) {
      throw new IllegalArgumentException("start must be within the years 0001-9999, got '" + parts[1] + "'");
    }
    Duration exact = null;
    Period calendar = null;
    try {
      exact = Duration.parse(parts[2]);
    } catch (DateTimeParseException e) {
      try {
        calendar = Period.parse(parts[2]);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("period must be ISO 8601 (e.g. PT5S, P1D, P1M), got '" + parts[2] + "'");
      }
    }
    if ((exact != null && (exact.isZero() || exact.isNegative()))
        || (calendar != null && (calendar.isZero() || calendar.isNegative()))) {
      throw new IllegalArgumentException("period must be positive, got '" + parts[2] + "'");
    }
    if (exact != null && exact.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("period must be at least one second, got '" + parts[2] + "'");
    }
    return new IsoIntervalTrigger(n, start, exact, calendar);
  }

  @Override
  public Optional<Instant> nextAfter(Instant t) {
    long k;
    if (!start.toInstant().isAfter(t)) {
      k = exact != null ? Duration.between(start.toInstant(), t).dividedBy(exact) : estimate(t);
      while (!at(k).isAfter(t)) {
        k++;
      }
      while (k > 0 && at(k - 1).isAfter(t)) {
        k--;
      }
    } else {
      k = 0;
    }
    return repetitions >= 0 && k >= repetitions ? Optional.empty() : Optional.of(at(k));
  }

  private long estimate(Instant t) {
    long approx = calendar.toTotalMonths() * 30L * 86400 + calendar.getDays() * 86400L;
    return Math.max(0, Duration.between(start.toInstant(), t).toSeconds() / Math.max(1, approx) - 1);
  }

  private Instant at(long k) {
    return exact != null ? start.toInstant().plus(exact.multipliedBy(k))
        : start.plus(calendar.multipliedBy((int) k)).toInstant();
  }
}
