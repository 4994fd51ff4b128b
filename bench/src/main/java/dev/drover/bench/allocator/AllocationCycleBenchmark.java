package dev.drover.bench.allocator;

import dev.drover.master.allocator.Allocation;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.allocator.HierarchicalAllocator;
import dev.drover.master.allocator.RoleSettings;
import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One allocation cycle over every agent, the set-up of Mesos' {@code HierarchicalAllocator_BENCHMARK_Test}: one
 * role, agents of {@code cpus:24;mem:4096;disk:4096;ports:[31000-32000]}, frameworks that want offers. Before each
 * measured cycle every outstanding allocation is returned, so the cycle visits and allocates every agent.
 * Variants: {@code plain}; {@code half-suppressed} (every other framework suppressed); {@code filtered} (before the
 * trial, five rounds in which every framework declined what it was offered for an hour, so each agent is filtered
 * for the five frameworks that would otherwise come first).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocationCycleBenchmark {
  static final String AGENT = "cpus:24;mem:4096;disk:4096;ports:[31000-32000]";

  /** agents/frameworks. */
  @Param({"1000/100", "5000/500", "10000/1000", "20000/2000"})
  public String size;

  @Param({"plain", "half-suppressed", "filtered"})
  public String variant;

  private HierarchicalAllocator allocator;
  private List<Allocation> outstanding = new ArrayList<>();

  @Setup(Level.Trial)
  public void build() {
    String[] parts = size.split("/");
    int agents = Integer.parseInt(parts[0]);
    int frameworks = Integer.parseInt(parts[1]);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    allocator = new HierarchicalAllocator(AllocatorConfig.DEFAULTS, clock, new RoleSettings());
    Resources total = Resources.parse(AGENT);
    for (int i = 0; i < agents; i++) {
      allocator.addAgent(String.format("agent-%06d", i), total);
    }
    for (int i = 0; i < frameworks; i++) {
      String id = String.format("framework-%05d", i);
      allocator.addFramework(id, List.of("role"), List.of());
      if (variant.equals("half-suppressed") && i % 2 == 1) {
        allocator.suppress(id, List.of());
      }
    }
    if (variant.equals("filtered")) {
      for (int round = 0; round < 5; round++) {
        for (Allocation a : allocator.cycle()) {
          allocator.recover(a.frameworkId(), a.role(), a.agentId(), a.resources());
          allocator.decline(a.frameworkId(), a.agentId(), Duration.ofHours(1));
        }
      }
    }
  }

  @Setup(Level.Invocation)
  public void returnEverything() {
    for (Allocation a : outstanding) {
      allocator.recover(a.frameworkId(), a.role(), a.agentId(), a.resources());
    }
    outstanding = List.of();
  }

  @Benchmark
  public int cycle() {
    outstanding = allocator.cycle();
    return outstanding.size();
  }
}
