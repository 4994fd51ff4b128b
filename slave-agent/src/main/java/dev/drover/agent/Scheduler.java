package dev.drover.agent;

import java.time.Duration;

/**
 * The agent's serial loop as its components see it: run a task soon, or after a delay. Every piece of agent state
 * (tasks, status streams, the master connection) is touched only from tasks run here, so none of it needs locks.
 * {@link LoopScheduler} is the real one; tests step a manual one by hand.
 */
public interface Scheduler {
  /** Runs {@code task} on the loop, after the tasks already queued. */
  void execute(Runnable task);

  /** Runs {@code task} on the loop after {@code delay}; the returned handle cancels it if it has not run. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be called off. */
  interface Cancellable {
    void cancel();
  }
}
