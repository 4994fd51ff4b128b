package dev.drover.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} stepped by hand: nothing runs until {@link #advance} or {@link #runDue}. Not thread-safe. */
public final class ManualScheduler implements Scheduler {
  private record Job(Instant due, long seq, Runnable task, boolean[] cancelled) {}

  private final List<Job> jobs = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long seq;

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    jobs.add(new Job(now.plus(delay), seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time forward, running every job that falls due on the way, in order. */
  public void advance(Duration d) {
    Instant end = now.plus(d);
    while (true) {
      Job next = jobs.stream().filter(j -> !j.due().isAfter(end))
          .min(Comparator.comparing(Job::due).thenComparingLong(Job::seq)).orElse(null);
      if (next == null) {
        break;
      }
      jobs.remove(next);
      now = next.due().isAfter(now) ? next.due() : now;
      if (!next.cancelled()[0]) {
        next.task().run();
      }
    }
    now = end;
  }

  public void runDue() {
    advance(Duration.ZERO);
  }

  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }
}
