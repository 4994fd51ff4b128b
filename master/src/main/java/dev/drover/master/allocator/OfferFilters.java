package dev.drover.master.allocator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decline filters: framework F refused agent A until an instant (DECLINE's refuse_seconds). A later filter for the
 * same pair keeps the later end. Not thread-safe.
 */
final class OfferFilters {
  private record Key(String frameworkId, String agentId) {}

  private final Map<Key, Instant> until = new HashMap<>();
  private Instant earliest;

  void add(String frameworkId, String agentId, Instant end) {
    until.merge(new Key(frameworkId, agentId), end, (a, b) -> a.isAfter(b) ? a : b);
    if (earliest == null || end.isBefore(earliest)) {
      earliest = end;
    }
  }

  boolean isFiltered(String frameworkId, String agentId, Instant now) {
    if (until.isEmpty()) {
      return false;
    }
    Instant end = until.get(new Key(frameworkId, agentId));
    return end != null && now.isBefore(end);
  }

  /** Forgets filters that ended by {@code now}; returns whether any did. */
  boolean expire(Instant now) {
    if (earliest == null || now.isBefore(earliest)) {
      return false;
    }
    boolean removed = until.values().removeIf(end -> !now.isBefore(end));
    earliest = until.values().stream().min(Instant::compareTo).orElse(null);
    return removed;
  }

  /** Forgets the framework's filters; returns whether it had any. */
  boolean clear(String frameworkId) {
    boolean removed = until.keySet().removeIf(k -> k.frameworkId().equals(frameworkId));
    if (removed) {
      earliest = until.values().stream().min(Instant::compareTo).orElse(null);
    }
    return removed;
  }

  /** Forgets filters on the agent. */
  void clearAgent(String agentId) {
    until.keySet().removeIf(k -> k.agentId().equals(agentId));
  }

  int size() {
    return until.size();
  }
}
