package dev.drover.sdk.toolkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time as an input: the toolkit's helpers read the time and schedule work only through a {@code Timer}, so tests drive
 * them with a {@link ManualTimer}. Implementations are thread-safe.
 */
public interface Timer {

  /** The current time. */
  Instant now();

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it if it has not run yet. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; does nothing otherwise. */
    void cancel();
  }

  /** A timer on the system clock that runs tasks on {@code executor}. */
  static Timer of(ScheduledExecutorService executor) {
    return new Timer() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }
    };
  }
}
