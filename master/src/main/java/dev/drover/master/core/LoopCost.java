package dev.drover.master.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the calling thread has used, in nanoseconds: what a piece of loop work costs, unlike wall time not
 * inflated when other processes share the machine's cores (then a throttle keyed on wall time would wait far too
 * long). Falls back to {@link System#nanoTime} where the JVM cannot measure thread CPU time.
 */
final class LoopCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

  private LoopCost() {}

  static long now() {
    return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
