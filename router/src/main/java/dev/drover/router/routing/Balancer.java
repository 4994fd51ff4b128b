package dev.drover.router.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks a target from a pool, round-robin or by least connections, and counts what is in flight per target (open TCP
 * connections, HTTP requests). Passive health: a target that refused a connection is {@link #eject ejected} — skipped
 * for a while (unless nothing else is left) — so a dead instance stops taking traffic before the apps framework
 * reports it. Thread-safe: the proxies call it from several event loops (counters are atomic; no routing state lives
 * here).
 */
public final class Balancer {
  /** How long a target that refused a connection is skipped. */
  public static final java.time.Duration EJECTION = java.time.Duration.ofSeconds(5);

  private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
  private final Map<String, Long> ejectedUntil = new ConcurrentHashMap<>();
  private final java.util.function.LongSupplier nanos;

  /** A balancer timed by {@code nanos} (a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}). */
  public Balancer(java.util.function.LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Skips {@code address} for {@link #EJECTION} (it refused a connection). */
  public void eject(String address) {
    ejectedUntil.put(address, nanos.getAsLong() + EJECTION.toNanos());
  }

  /** Whether {@code address} is ejected now. */
  public boolean ejected(String address) {
    Long until = ejectedUntil.get(address);
    if (until == null) {
      return false;
    }
    if (until - nanos.getAsLong() <= 0) {
      ejectedUntil.remove(address, until);
      return false;
    }
    return true;
  }

  /** A target of {@code pool} other than those in {@code exclude} (addresses), or empty when none is left. */
  public Optional<Target> pick(Pool pool, Collection<String> exclude) {
    List<Target> left = exclude.isEmpty() ? pool.targets()
        : pool.targets().stream().filter(t -> !exclude.contains(t.address())).toList();
    if (left.isEmpty()) {
      return Optional.empty();
    }
    List<Target> candidates = ejectedUntil.isEmpty() ? left
        : left.stream().filter(t -> !ejected(t.address())).toList();
    if (candidates.isEmpty()) {
      candidates = left;  // every one left was ejected: try them rather than refuse
    }
    if (candidates.size() == 1) {
      return Optional.of(candidates.get(0));
    }
    if (pool.balance() == Balance.LEASTCONN) {
      Target best = null;
      int fewest = Integer.MAX_VALUE;
      long turn = turns.computeIfAbsent(pool.appId() + "#" + pool.portIndex(), k -> new AtomicLong())
          .getAndIncrement();
      for (int k = 0; k < candidates.size(); k++) {  // start at a rotating index so ties are spread
        Target t = candidates.get((int) ((turn + k) % candidates.size()));
        int n = active(t.address());
        if (n < fewest) {
          fewest = n;
          best = t;
        }
      }
      return Optional.of(best);
    }
    long turn = turns.computeIfAbsent(pool.appId() + "#" + pool.portIndex(), k -> new AtomicLong())
        .getAndIncrement();
    return Optional.of(candidates.get((int) Math.floorMod(turn, (long) candidates.size())));
  }

  /** Counts a connection or request opened to {@code address}. */
  public void opened(String address) {
    active.computeIfAbsent(address, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts one closed or finished. */
  public void closed(String address) {
    AtomicInteger n = active.get(address);
    if (n != null) {
      n.decrementAndGet();
    }
  }

  /** Connections or requests in flight to {@code address}. */
  public int active(String address) {
    AtomicInteger n = active.get(address);
    return n == null ? 0 : n.get();
  }
}
