package dev.drover.agent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} backed by one daemon thread (a loop), or by a few for work that may block (health probes).
 * Tasks submitted after {@link #shutdown} are dropped (the agent is
 * closing: a late process-exit callback has nobody left to tell). A task that throws is logged, not fatal.
 */
public final class LoopScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(LoopScheduler.class);

  private final ScheduledExecutorService executor;

  public LoopScheduler(String name) {
    this(name, 1);
  }

  /** A scheduler on {@code threads} daemon threads, named {@code name} (one) or {@code name-1}, {@code name-2}, ... */
  public LoopScheduler(String name, int threads) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, threads == 1 ? name : name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("Loop is shut down; dropping a task");
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    try {
      ScheduledFuture<?> f = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> { };
    }
  }

  /** Runs {@code call} on the loop and returns its result; fails if the loop is shut down. */
  public <T> CompletableFuture<T> submit(Callable<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(call.call());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Stops accepting tasks and waits briefly for the running one. */
  public void shutdown() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("Agent loop task failed", e);
      }
    };
  }
}
