package dev.drover.apps.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Hands out app versions: Marathon's ISO-8601 timestamps with milliseconds ({@code 2026-11-24T21:20:00.123Z}),
 * strictly increasing even when the clock stands still or steps back. Not thread-safe: the store's writer owns it.
 */
final class Versions {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<Instant> clock;
  private Instant last = Instant.EPOCH;

  Versions(Supplier<Instant> clock) {
    this.clock = clock;
  }

  String next() {
    Instant now = clock.get().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    last = now.isAfter(last) ? now : last.plusMillis(1);
    return FORMAT.format(last);
  }

  /** Never hand out a version at or before {@code seen} (one loaded from the store). */
  void observe(String seen) {
    try {
      Instant i = Instant.parse(seen);
      last = i.isAfter(last) ? i : last;
    } catch (RuntimeException ignored) {
      // an unparsable stored version cannot collide with ours
    }
  }
}
