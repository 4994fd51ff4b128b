package dev.drover.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what a command started and closes it in reverse order on SIGTERM/SIGINT (or {@link #stop}).
 * Thread-safe.
 */
final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  Lifecycle() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "drover-shutdown"));
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  /** Closes everything started, newest first. Idempotent. */
  void stop() {
    synchronized (this) {
      while (!started.isEmpty()) {
        AutoCloseable c = started.pop();
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("Error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        }
      }
    }
    stopped.countDown();
  }

  /** Blocks until {@link #stop} runs (a signal ends the JVM, whose shutdown hook stops everything). */
  int awaitStop() throws InterruptedException {
    stopped.await();
    return 0;
  }
}
