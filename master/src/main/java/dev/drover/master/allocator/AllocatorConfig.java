package dev.drover.master.allocator;

import java.time.Duration;
import java.util.Optional;

/**
 * The allocator's knobs. An agent's free resources are offered only when they reach the minimum allocatable size:
 * at least {@code minCpus} cpus or at least {@code minMemMb} MiB of mem (Mesos' {@code cpus:0.01|mem:32}).
 * {@code offerTimeout} empty: offers stay outstanding until used, declined or rescinded for another reason.
 * {@code randomSeed} empty: DRF sorters; present: {@link RandomSorter}s seeded with it (for comparison only).
 */
public record AllocatorConfig(double minCpus, double minMemMb, Optional<Duration> offerTimeout,
    Optional<Long> randomSeed) {
  public static final AllocatorConfig DEFAULTS = new AllocatorConfig(0.01, 32, Optional.empty(), Optional.empty());

  public AllocatorConfig withOfferTimeout(Duration timeout) {
    return new AllocatorConfig(minCpus, minMemMb, Optional.of(timeout), randomSeed);
  }

  public AllocatorConfig withRandomSorter(long seed) {
    return new AllocatorConfig(minCpus, minMemMb, offerTimeout, Optional.of(seed));
  }

  Sorter newSorter(ClusterTotals totals, String level) {
    return randomSeed.<Sorter>map(seed -> new RandomSorter(seed ^ level.hashCode()))
        .orElseGet(() -> new DrfSorter(totals));
  }
}
