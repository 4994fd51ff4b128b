package dev.drover.master.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's single writer thread: commands run one at a time, in the order enqueued; a command that throws is
 * logged and the loop goes on. After each command {@code afterCommand} runs on the loop with whether another command
 * is already waiting (so a burst can publish once, at its end). Thread-safe; commands must not block.
 */
final class MasterLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);

  /** What runs on the loop after each command: {@code busy} when another command is ready to run. */
  interface AfterCommand {
    void ran(boolean busy);
  }

  private final ScheduledThreadPoolExecutor executor;
  private final AfterCommand afterCommand;

  MasterLoop(AfterCommand afterCommand) {
    this.afterCommand = afterCommand;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "drover-master-loop");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code command} on the loop after the commands already enqueued; dropped once the loop is closed. */
  void enqueue(String what, Runnable command) {
    try {
      executor.execute(() -> {
        try {
          command.run();
        } catch (RuntimeException e) {
          LOG.error("Master command '{}' failed", what, e);
        }
        afterCommand.ran(anotherCommandReady());
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Master loop stopped; dropping '{}'", what);
    }
  }

  /** Enqueues {@code command} after {@code delayMillis}. */
  void schedule(String what, long delayMillis, Runnable command) {
    try {
      executor.schedule(() -> enqueue(what, command), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Master loop stopped; not scheduling '{}'", what);
    }
  }

  /** Enqueues {@code command} every {@code periodMillis}, first after one period. */
  void every(String what, long periodMillis, Runnable command) {
    executor.scheduleWithFixedDelay(() -> enqueue(what, command), periodMillis, periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private boolean anotherCommandReady() {
    Runnable next = executor.getQueue().peek();
    return next instanceof Delayed d && d.getDelay(TimeUnit.NANOSECONDS) <= 0;
  }

  /** Waits (up to 5 s) until every command enqueued before this call has run, then runs {@code last} on the loop. */
  void drain(Runnable last) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        last.run();
        done.complete(null);
      });
    } catch (RejectedExecutionException e) {
      return;
    }
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Master loop did not drain in 5 s");
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
