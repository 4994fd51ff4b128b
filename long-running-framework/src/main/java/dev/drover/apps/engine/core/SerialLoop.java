package dev.drover.apps.engine.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted commands one at a time, in order, on an executor: the engine's single writer. A command submitted
 * from inside a command runs after it (never nested), so a direct executor works for deterministic tests. After each
 * burst of commands the {@code afterBurst} hook runs (the engine publishes its snapshot there). Thread-safe.
 */
final class SerialLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SerialLoop.class);

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Executor executor;
  private final Runnable afterBurst;
  private volatile boolean closed;

  SerialLoop(Executor executor, Runnable afterBurst) {
    this.executor = executor;
    this.afterBurst = afterBurst;
  }

  /** Queues {@code command}; false (and nothing queued) once closed. */
  boolean submit(Runnable command) {
    if (closed) {
      return false;
    }
    queue.add(command);
    try {
      executor.execute(this::drain);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queue.remove(command);
      return false;
    }
    return true;
  }

  void close() {
    closed = true;
    queue.clear();
  }

  private void drain() {
    while (!queue.isEmpty()) {
      if (!draining.compareAndSet(false, true)) {
        return;
      }
      try {
        Runnable r;
        while ((r = queue.poll()) != null) {
          try {
            r.run();
          } catch (RuntimeException e) {
            LOG.error("Engine command failed", e);
          }
        }
        try {
          afterBurst.run();
        } catch (RuntimeException e) {
          LOG.error("Engine snapshot failed", e);
        }
      } finally {
        draining.set(false);
      }
    }
  }
}
