package dev.drover.master.allocator;

import dev.drover.model.Resources;

/**
 * The resources of every agent the allocator knows, as the denominators of dominant shares. Shared by every sorter
 * of one allocator; the version lets a sorter notice that all its shares are stale. Not thread-safe.
 */
public final class ClusterTotals {
  private final long[] total = new long[Scalars.KINDS];
  private long version;

  public void add(Resources r) {
    Scalars.add(total, Scalars.of(r));
    version++;
  }

  public void remove(Resources r) {
    Scalars.subtract(total, Scalars.of(r));
    version++;
  }

  long version() {
    return version;
  }

  /** The dominant share of {@code allocated}: its largest fraction of the total over cpus, mem, disk and gpus. */
  double dominantShare(long[] allocated) {
    double share = 0;
    for (int i = 0; i < Scalars.KINDS; i++) {
      if (total[i] > 0 && allocated[i] > 0) {
        share = Math.max(share, (double) allocated[i] / total[i]);
      }
    }
    return share;
  }
}
