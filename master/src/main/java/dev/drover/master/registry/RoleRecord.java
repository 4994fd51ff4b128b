package dev.drover.master.registry;

import dev.drover.model.Resources;
import java.util.Objects;

/**
 * What the operator set for a role: its weight (1 when never set) and its quota limit ({@link Resources#EMPTY}
 * when none). A role back at weight 1 with no quota has no record.
 */
public record RoleRecord(String role, double weight, Resources quota) {
  public RoleRecord {
    Objects.requireNonNull(role, "role");
    quota = quota == null ? Resources.EMPTY : quota;
  }

  /** Whether the role is back at the defaults, so its record can go. */
  public boolean isDefault() {
    return weight == 1.0 && quota.isEmpty();
  }
}
