package dev.drover.jobs.engine;

import dev.drover.jobs.store.JobRepository;
import dev.drover.sdk.toolkit.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the engine: SDK callbacks, REST requests and timers all run here, one at a time.
 * {@link #timer()} schedules onto this same thread. Thread-safe to call from anywhere.
 */
public final class EngineLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "jobs-engine");
    t.setDaemon(true);
    return t;
  });
  private final Timer timer = Timer.of(executor);
  private volatile Runnable onFenced = () -> {};

  public Timer timer() {
    return timer;
  }

  public void onFenced(Runnable r) {
    onFenced = r;
  }

  /** Runs {@code r} on the loop; a failure is logged (a lost write race also calls the fenced handler). */
  public void execute(Runnable r) {
    executor.execute(() -> {
      try {
        r.run();
      } catch (JobRepository.Fenced e) {
        LOG.error("{}; stopping", e.getMessage());
        onFenced.run();
      } catch (RuntimeException e) {
        LOG.error("jobs engine step failed; state unchanged", e);
      }
    });
  }

  /** Runs {@code s} on the loop and completes with its result or its exception. */
  public <T> CompletableFuture<T> call(Supplier<T> s) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          f.complete(s.get());
        } catch (JobRepository.Fenced e) {
          f.completeExceptionally(e);
          onFenced.run();
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
