package dev.drover.master.allocator;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The allocator's book for one framework: its roles, the roles it suppressed, and the agents where it holds some. */
final class FrameworkSlot {
  final String id;
  final Set<String> roles = new LinkedHashSet<>();
  final Set<String> suppressed = new HashSet<>();
  final Set<String> agents = new HashSet<>();
  boolean active = true;

  FrameworkSlot(String id) {
    this.id = id;
  }

  /** Whether the framework wants offers for the role now. */
  boolean wants(String role) {
    return active && roles.contains(role) && !suppressed.contains(role);
  }
}
