package dev.drover.master.core;

import dev.drover.master.metrics.MasterMetrics;
import dev.drover.master.offer.Offer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When allocation cycles run and where their offers go. Besides the cycle every allocation interval, a change (an
 * agent registers, a task ends, REVIVE) asks for one {@linkplain #soon soon}: right after the commands already
 * queued, or, in clusters of {@link #LARGE_CLUSTER} agents or more, no sooner than {@link #COST_FACTOR} times the
 * last cycle's CPU cost after it (never later than one allocation interval), so that a rush of registrations is not
 * spent on cycles that each walk the whole cluster. Used on the loop.
 */
final class Allocations {
  private static final Logger LOG = LoggerFactory.getLogger(Allocations.class);
  static final int COST_FACTOR = 4;
  static final int LARGE_CLUSTER = 1_000;

  private final MasterLoop loop;
  private final Supplier<Term> term;
  private final Duration interval;
  private final MasterMetrics metrics;
  private boolean pending;
  private long nextNanos;

  /** @param term the current term, null while not leading */
  Allocations(MasterLoop loop, Supplier<Term> term, Duration interval, MasterMetrics metrics) {
    this.loop = loop;
    this.term = term;
    this.interval = interval;
    this.metrics = metrics;
  }

  /** A new term: nothing is pending from the last one. */
  void reset() {
    pending = false;
  }

  /** Asks for a cycle soon (see the class); one at a time. */
  void soon() {
    Term t = term.get();
    if (pending || t == null) {
      return;
    }
    pending = true;
    long waitMillis = Math.min(interval.toMillis(), TimeUnit.NANOSECONDS.toMillis(nextNanos - System.nanoTime()));
    if (waitMillis < 5 || t.cluster.agents().size() < LARGE_CLUSTER) {
      loop.enqueue("allocate", this::now);
    } else {
      loop.schedule("allocate", waitMillis, this::now);
    }
  }

  /** Runs a cycle now, if leading: rescinds offers past the offer timeout and offers what is free. */
  void now() {
    Term t = term.get();
    if (t == null) {
      return;
    }
    pending = false;
    long started = System.nanoTime();
    long cpuStarted = LoopCost.now();
    Map<String, List<Offer>> offers = t.allocator.allocate();
    nextNanos = System.nanoTime() + COST_FACTOR * (LoopCost.now() - cpuStarted);
    metrics.allocationCycle(Duration.ofNanos(System.nanoTime() - started));
    offers.forEach((frameworkId, list) -> t.cluster.framework(frameworkId).ifPresent(f -> {
      f.channel().offers(list);
      for (Offer o : list) {
        LOG.debug("Offered {} on agent {} ({}) to framework {} as {}", o.resources(), o.agentId(), o.hostname(),
            frameworkId, o.id());
      }
    }));
  }
}
