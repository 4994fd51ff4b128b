package dev.drover.sdk.toolkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Timer} whose time moves only when {@link #advance} is called; due tasks then run in the caller's thread,
 * in time order (ties in scheduling order). For deterministic tests. Thread-safe.
 */
public final class ManualTimer implements Timer {
  private record Entry(Instant due, long seq, Runnable task, boolean[] cancelled) {}

  private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
    int c = a.due.compareTo(b.due);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private Instant now;
  private long seq;

  /** A timer starting at {@code start}. */
  public ManualTimer(Instant start) {
    this.now = start;
  }

  /** A timer starting at 2026-01-01T00:00:00Z. */
  public ManualTimer() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Entry e = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task, new boolean[1]);
    queue.add(e);
    return () -> {
      synchronized (this) {
        e.cancelled[0] = true;
      }
    };
  }

  /**
   * Moves time forward by {@code d}, running every task that falls due (including tasks those tasks schedule within
   * the window), each with {@link #now} set to its due time.
   */
  public void advance(Duration d) {
    Instant end;
    synchronized (this) {
      end = now.plus(d);
    }
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(end)) {
          now = end;
          return;
        }
        queue.poll();
        now = next.due;
        if (next.cancelled[0]) {
          continue;
        }
      }
      next.task.run();
    }
  }

  /** The due times of the tasks still pending, earliest first. */
  public synchronized List<Instant> pending() {
    List<Instant> out = new ArrayList<>();
    queue.stream().filter(e -> !e.cancelled[0]).sorted(queue.comparator()).forEach(e -> out.add(e.due));
    return out;
  }
}
