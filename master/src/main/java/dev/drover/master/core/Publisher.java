package dev.drover.master.core;

import dev.drover.master.allocator.RolesView;
import dev.drover.master.events.EventBus;
import dev.drover.master.maintenance.DrainView;
import dev.drover.master.state.StateSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Publishes what HTTP reads (the state snapshot, the roles, the drains) and derives the operator events from each
 * new snapshot. A snapshot costs O(agents + tasks), so a burst of commands publishes once, after its last command;
 * publishing takes at most about a fifth of the loop (the next one waits at least {@link #COST_FACTOR} times the last
 * one's CPU cost, in clusters of {@link MasterCore#LARGE_CLUSTER} agents or more), which keeps a rush of thousands of re-registrations from spending the loop on snapshots; and a loop
 * that is never idle still publishes at least once a second. Publishing runs on the loop; the getters are
 * thread-safe.
 */
final class Publisher {
  static final int COST_FACTOR = 4;
  private static final long AT_LEAST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Waits shorter than this publish at once, as do clusters smaller than {@link MasterCore#LARGE_CLUSTER}. */
  private static final long DEFER_AT_LEAST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final AtomicReference<StateSnapshot> snapshot = new AtomicReference<>(StateSnapshot.EMPTY);
  private final AtomicReference<RolesView> roles = new AtomicReference<>(RolesView.EMPTY);
  private final AtomicReference<List<DrainView>> drains = new AtomicReference<>(List.of());
  private final EventBus events;
  private final Supplier<Term> term;
  private MasterLoop loop;
  // Owned by the loop.
  private long lastNanos;
  private long lastCostNanos;
  private boolean deferred;

  /** @param term the current term, null while not leading */
  Publisher(EventBus events, Supplier<Term> term) {
    this.events = events;
    this.term = term;
  }

  void loop(MasterLoop loop) {
    this.loop = loop;
  }

  /** After each command: publishes now, later (one deferred publish at a time), or not yet (a burst goes on). */
  void afterCommand(boolean busy) {
    long since = System.nanoTime() - lastNanos;
    if (since > AT_LEAST_EVERY_NANOS) {
      publish();
      return;
    }
    if (busy || deferred) {
      return;
    }
    long wait = COST_FACTOR * lastCostNanos - since;
    Term t = term.get();
    if (wait < DEFER_AT_LEAST_NANOS || t == null || t.cluster.agents().size() < Allocations.LARGE_CLUSTER) {
      publish();
    } else {
      deferred = true;
      loop.schedule("publish", TimeUnit.NANOSECONDS.toMillis(wait) + 1, () -> deferred = false);
    }
  }

  /** Publishes now. */
  void publish() {
    long started = LoopCost.now();
    Term t = term.get();
    StateSnapshot before = snapshot.getAndSet(t == null ? StateSnapshot.EMPTY : StateSnapshot.of(t.cluster));
    events.published(before, snapshot.get());
    roles.set(t == null ? RolesView.EMPTY : t.allocator.allocator().roles());
    drains.set(t == null ? List.of() : t.maintenance.views());
    lastNanos = System.nanoTime();
    lastCostNanos = LoopCost.now() - started;
  }

  StateSnapshot snapshot() {
    return snapshot.get();
  }

  RolesView roles() {
    return roles.get();
  }

  List<DrainView> drains() {
    return drains.get();
  }
}
