package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic harness around one {@link HierarchicalAllocator}: a manual clock, agents and frameworks added by
 * name, cycles stepped by hand, and the offers each cycle made kept as outstanding until the test accepts, declines
 * or returns them. Nothing here reads the wall clock or sleeps.
 */
final class AllocatorSim {
  final ManualClock clock = new ManualClock();
  final RoleSettings settings = new RoleSettings();
  final HierarchicalAllocator allocator;
  final List<Allocation> outstanding = new ArrayList<>();

  AllocatorSim() {
    this(AllocatorConfig.DEFAULTS);
  }

  AllocatorSim(AllocatorConfig config) {
    allocator = new HierarchicalAllocator(config, clock, settings);
  }

  AllocatorSim agents(int n, String resources) {
    for (int i = 0; i < n; i++) {
      allocator.addAgent(String.format("a%05d", i), Resources.parse(resources));
    }
    return this;
  }

  AllocatorSim framework(String id, String... roles) {
    allocator.addFramework(id, List.of(roles), List.of());
    return this;
  }

  /** One cycle; its allocations become outstanding offers, which are returned. */
  List<Allocation> step() {
    List<Allocation> made = allocator.cycle();
    outstanding.addAll(made);
    return made;
  }

  /** Declines every outstanding offer of the framework for {@code refuse}. */
  void declineAll(String frameworkId, Duration refuse) {
    outstanding.removeIf(a -> {
      if (a.frameworkId().equals(frameworkId)) {
        allocator.recover(a.frameworkId(), a.role(), a.agentId(), a.resources());
        allocator.decline(a.frameworkId(), a.agentId(), refuse);
        return true;
      }
      return false;
    });
  }

  /** Returns every outstanding offer (as a rescind would), without filters. */
  void returnAll() {
    outstanding.forEach(a -> allocator.recover(a.frameworkId(), a.role(), a.agentId(), a.resources()));
    outstanding.clear();
  }

  /** Sum of one scalar offered so far (and still outstanding), by role. */
  Map<String, Double> outstandingByRole(String scalar) {
    Map<String, Double> out = new TreeMap<>();
    outstanding.forEach(a -> out.merge(a.role(), a.resources().scalar(scalar), Double::sum));
    return out;
  }

  static long count(List<Allocation> allocations, String frameworkId) {
    return allocations.stream().filter(a -> a.frameworkId().equals(frameworkId)).count();
  }
}
