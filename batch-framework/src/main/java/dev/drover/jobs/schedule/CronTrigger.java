package dev.drover.jobs.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A cron schedule parsed by cron-utils: the UNIX 5-field form, or Drover's 6-field form whose first field is
 * seconds. cron-utils is asked only about local wall-clock times (it evaluates them in a zone without daylight
 * saving), and {@link WallClock} maps each local time to an instant in the schedule's zone, so gaps and overlaps
 * follow Drover's documented rule rather than a library's incidental behaviour.
 */
final class CronTrigger implements Trigger {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS = new CronParser(withSeconds());
  /** Bounds the walk over local times that fall before {@code t} (overlaps); an hour of per-second ticks. */
  private static final int MAX_STEPS = 4000;

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronTrigger(Cron cron, ZoneId zone) {
    this.times = ExecutionTime.forCron(cron);
    this.zone = zone;
  }

  /** Parses a 5- or 6-field expression; throws IllegalArgumentException naming the problem. */
  static CronTrigger parse(String expression, ZoneId zone) {
    String e = expression.trim();
    int fields = e.split("\\s+").length;
    CronParser parser = switch (fields) {
      case 5 -> UNIX;
      case 6 -> WITH_SECONDS;
      default -> throw new IllegalArgumentException(
          "cron must have 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), got " + fields);
    };
    try {
      Cron cron = parser.parse(e);
      cron.validate();
      return new CronTrigger(cron, zone);
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("invalid cron '" + expression + "': " + ex.getMessage(), ex);
    }
  }

  @Override
  public Optional<Instant> nextAfter(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    for (int i = 0; i < MAX_STEPS; i++) {
      var next = times.nextExecution(local.atZone(ZoneOffset.UTC));
      if (next.isEmpty()) {
        return Optional.empty();
      }
      local = next.get().toLocalDateTime();
      Instant at = WallClock.toInstant(local, zone);
      if (at.isAfter(t)) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  private static CronDefinition withSeconds() {
    return CronDefinitionBuilder.defineCron()
        .withSeconds().withValidRange(0, 59).withStrictRange().and()
        .withMinutes().withValidRange(0, 59).withStrictRange().and()
        .withHours().withValidRange(0, 23).withStrictRange().and()
        .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
        .withMonth().withValidRange(1, 12).withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
        .matchDayOfWeekAndDayOfMonth()
        .instance();
  }
}
