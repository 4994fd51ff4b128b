package dev.drover.master.allocator;

import dev.drover.model.Resources;

/**
 * The four quantities fairness and quota count (cpus, mem, disk, gpus) as thousandths in a {@code long[]}, so that
 * the allocator's books add and subtract exactly and without building {@link Resources}.
 */
final class Scalars {
  static final String[] NAMES = {Resources.CPUS, Resources.MEM, Resources.DISK, Resources.GPUS};
  static final int KINDS = NAMES.length;

  private Scalars() {}

  static long[] of(Resources r) {
    long[] v = new long[KINDS];
    for (int i = 0; i < KINDS; i++) {
      v[i] = Math.round(r.scalar(NAMES[i]) * 1000);
    }
    return v;
  }

  static void add(long[] into, long[] v) {
    for (int i = 0; i < KINDS; i++) {
      into[i] += v[i];
    }
  }

  static void subtract(long[] from, long[] v) {
    for (int i = 0; i < KINDS; i++) {
      from[i] = Math.max(0, from[i] - v[i]);
    }
  }

  static boolean isZero(long[] v) {
    for (long x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static Resources toResources(long[] v) {
    Resources.Builder b = Resources.builder();
    for (int i = 0; i < KINDS; i++) {
      b.scalar(NAMES[i], v[i] / 1000.0);
    }
    return b.build();
  }
}
