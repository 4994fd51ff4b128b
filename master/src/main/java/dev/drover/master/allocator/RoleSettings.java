package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Role weights (default 1) and quota limits set by the operator. Outlives a leadership term, so a new allocator
 * starts with what the operator set. Not thread-safe: owned by the master's serial loop.
 */
public final class RoleSettings {
  private final Map<String, Double> weights = new LinkedHashMap<>();
  private final Map<String, Resources> quotas = new LinkedHashMap<>();
  private final Map<String, long[]> limits = new HashMap<>();

  public double weight(String role) {
    return weights.getOrDefault(role, 1.0);
  }

  public void weight(String role, double weight) {
    weights.put(role, weight);
  }

  /** Sets the role's quota; {@link Resources#EMPTY} removes it. */
  public void quota(String role, Resources quota) {
    if (quota.isEmpty()) {
      quotas.remove(role);
      limits.remove(role);
    } else {
      quotas.put(role, quota);
      limits.put(role, Scalars.of(quota));
    }
  }

  public Map<String, Double> weights() {
    return Map.copyOf(weights);
  }

  /** Quota by role; read-only view. */
  public Map<String, Resources> quotas() {
    return java.util.Collections.unmodifiableMap(quotas);
  }

  long[] quotaLimits(String role) {
    return limits.get(role);
  }
}
