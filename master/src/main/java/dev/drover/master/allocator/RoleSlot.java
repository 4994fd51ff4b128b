package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.LinkedHashSet;
import java.util.Set;

/** The allocator's book for one role: its frameworks (and their sorter) and what the role holds. */
final class RoleSlot {
  final String name;
  final Sorter frameworks;
  final Set<String> members = new LinkedHashSet<>();
  final long[] allocated = new long[Scalars.KINDS];

  RoleSlot(String name, Sorter frameworks) {
    this.name = name;
    this.frameworks = frameworks;
  }

  /**
   * What of {@code free} the role may still take under {@code quota} (absent kinds unlimited): each limited kind
   * is cut to the headroom left. Returns {@code free} itself when nothing needs cutting.
   */
  Resources capToQuota(Resources free, Resources quota, long[] quotaLimits) {
    if (quota == null) {
      return free;
    }
    Resources.Builder b = null;
    for (int i = 0; i < Scalars.KINDS; i++) {
      String kind = Scalars.NAMES[i];
      if (!quota.scalarNames().contains(kind)) {
        continue;
      }
      long headroom = Math.max(0, quotaLimits[i] - allocated[i]);
      long have = Math.round(free.scalar(kind) * 1000);
      if (have > headroom) {
        b = b == null ? free.toBuilder() : b;
        b.scalar(kind, headroom / 1000.0);
      }
    }
    return b == null ? free : b.build();
  }
}
