package dev.drover.master.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hierarchical DRF stepped by hand through {@link AllocatorSim}. */
class HierarchicalAllocatorTest {
  private static final String AGENT = "cpus:24;mem:4096;disk:1000;ports:[31000-32000]";

  @Test
  void rolesWeightedOneToThreeGetOneQuarterAndThreeQuarters() {
    AllocatorSim sim = new AllocatorSim().agents(400, AGENT).framework("f1", "light").framework("f3", "heavy");
    sim.allocator.updateWeights(Map.of("heavy", 3.0));
    sim.step();
    Map<String, Double> cpus = sim.outstandingByRole("cpus");
    assertEquals(100 * 24, cpus.get("light"), 24);
    assertEquals(300 * 24, cpus.get("heavy"), 24);
    RolesView view = sim.allocator.roles();
    assertEquals(3.0, view.roles().get("heavy").weight());
    assertEquals(view.roles().get("light").share(), view.roles().get("heavy").share(), 0.01);
  }

  @Test
  void weightsChangedAtRuntimeMoveTheSharesAsResourcesComeBack() {
    AllocatorSim sim = new AllocatorSim().agents(200, AGENT).framework("f1", "a").framework("f2", "b");
    sim.step();
    assertEquals(Map.of("a", 100.0 * 24, "b", 100.0 * 24), sim.outstandingByRole("cpus"));
    sim.allocator.updateWeights(Map.of("b", 4.0));
    sim.returnAll();
    sim.step();
    assertEquals(Map.of("a", 40.0 * 24, "b", 160.0 * 24), sim.outstandingByRole("cpus"));
  }

  @Test
  void frameworksInOneRoleShareItEvenly() {
    AllocatorSim sim = new AllocatorSim().agents(90, AGENT).framework("x", "r").framework("y", "r")
        .framework("z", "r");
    List<Allocation> made = sim.step();
    assertEquals(List.of(30L, 30L, 30L), List.of(AllocatorSim.count(made, "x"), AllocatorSim.count(made, "y"),
        AllocatorSim.count(made, "z")));
  }

  @Test
  void quotaIsNeverExceededAndTheRestGoesToOthers() {
    AllocatorSim sim = new AllocatorSim().agents(10, "cpus:4;mem:1024").framework("capped", "q")
        .framework("free", "other");
    sim.allocator.updateQuota("q", Resources.parse("cpus:10;mem:100000"));
    for (int round = 0; round < 5; round++) {
      sim.step();
      double q = sim.outstandingByRole("cpus").getOrDefault("q", 0.0);
      assertTrue(q <= 10, "role q holds " + q + " cpus in round " + round);
      assertEquals(40, sim.outstandingByRole("cpus").values().stream().mapToDouble(d -> d).sum(), 1e-9);
      sim.returnAll();
    }
    sim.step();
    assertEquals(10, sim.outstandingByRole("cpus").get("q"), 1e-9);
    assertEquals(Resources.parse("cpus:10;mem:100000"), sim.allocator.roles().roles().get("q").quota());
    assertEquals(10, sim.allocator.roles().roles().get("q").allocated().cpus(), 1e-9);
  }

  @Test
  void aRoleAtItsQuotaGetsNothingMore() {
    AllocatorSim sim = new AllocatorSim().agents(3, "cpus:4;mem:1024").framework("f", "q");
    sim.allocator.updateQuota("q", Resources.parse("cpus:6;mem:1536"));
    List<Allocation> made = sim.step();
    assertEquals(2, made.size());
    assertEquals(Resources.parse("cpus:2;mem:512"), made.get(1).resources());
    sim.allocator.updateQuota("q", Resources.EMPTY);
    assertEquals(List.of(Resources.parse("cpus:2;mem:512"), Resources.parse("cpus:4;mem:1024")),
        sim.step().stream().map(Allocation::resources).toList());
  }

  @Test
  void declineFiltersAreHonouredUntilTheyExpire() {
    AllocatorSim sim = new AllocatorSim().agents(1, AGENT).framework("f", "r");
    assertEquals(1, sim.step().size());
    sim.declineAll("f", Duration.ofSeconds(5));
    assertEquals(List.of(), sim.step());
    sim.clock.advance(Duration.ofMillis(4999));
    assertEquals(List.of(), sim.step());
    sim.clock.advance(Duration.ofMillis(1));
    assertEquals(1, sim.step().size());
    assertTrue(sim.allocator.lastCycle().full(), "an expired filter makes the next cycle visit every agent");
  }

  @Test
  void aDeclinedAgentGoesToAnotherFramework() {
    AllocatorSim sim = new AllocatorSim().agents(1, AGENT).framework("f", "r").framework("g", "r");
    assertEquals("f", sim.step().get(0).frameworkId());
    sim.declineAll("f", Duration.ofSeconds(5));
    assertEquals("g", sim.step().get(0).frameworkId());
  }

  @Test
  void reviveClearsFilters() {
    AllocatorSim sim = new AllocatorSim().agents(1, AGENT).framework("f", "r");
    sim.step();
    sim.declineAll("f", Duration.ofHours(1));
    assertEquals(List.of(), sim.step());
    sim.allocator.revive("f", List.of());
    assertEquals(1, sim.step().size());
  }

  @Test
  void suppressStopsOffersForThatRoleAndReviveResumesThem() {
    AllocatorSim sim = new AllocatorSim().agents(4, AGENT).framework("f", "web", "batch");
    sim.allocator.suppress("f", List.of("batch"));
    assertEquals(Set.of("web"), roles(sim.step()));
    sim.returnAll();
    sim.allocator.suppress("f", List.of());
    assertEquals(List.of(), sim.step());
    sim.allocator.revive("f", List.of("batch"));
    assertEquals(Set.of("batch"), roles(sim.step()));
    sim.returnAll();
    sim.allocator.revive("f", List.of());
    assertEquals(Set.of("web", "batch"), roles(sim.step()));
  }

  @Test
  void aFrameworkInTwoRolesGetsOffersForBoth() {
    AllocatorSim sim = new AllocatorSim().agents(10, AGENT).framework("f", "a", "b");
    List<Allocation> made = sim.step();
    assertEquals(Map.of("a", 5L, "b", 5L), made.stream()
        .collect(Collectors.groupingBy(Allocation::role, Collectors.counting())));
  }

  @Test
  void theMinimumAllocatableSizeIsRespected() {
    AllocatorSim sim = new AllocatorSim().framework("f", "r");
    sim.allocator.addAgent("tiny", Resources.parse("cpus:0.009;mem:31;disk:1000"));
    sim.allocator.addAgent("cpu", Resources.parse("cpus:0.01"));
    sim.allocator.addAgent("mem", Resources.parse("mem:32"));
    assertEquals(Set.of("cpu", "mem"), sim.step().stream().map(Allocation::agentId).collect(Collectors.toSet()));
  }

  @Test
  void aCycleVisitsOnlyTheAgentsThatChanged() {
    AllocatorSim sim = new AllocatorSim().agents(100, AGENT).framework("f", "r");
    sim.step();
    assertEquals(new CycleStats(100, 100, true), sim.allocator.lastCycle());
    Allocation one = sim.outstanding.remove(7);
    sim.allocator.recover(one.frameworkId(), one.role(), one.agentId(), one.resources());
    sim.allocator.addAgent("new", Resources.parse(AGENT));
    assertEquals(2, sim.step().size());
    assertEquals(new CycleStats(2, 2, false), sim.allocator.lastCycle());
    sim.step();
    assertEquals(0, sim.allocator.lastCycle().visitedAgents());
    sim.framework("g", "r");
    sim.step();
    assertEquals(new CycleStats(101, 0, true), sim.allocator.lastCycle());
  }

  @Test
  void inactiveOrDrainingAgentsAndInactiveFrameworksGetNothing() {
    AllocatorSim sim = new AllocatorSim().agents(2, AGENT).framework("f", "r");
    sim.allocator.agentActive("a00000", false);
    sim.allocator.agentDraining("a00001", true);
    assertEquals(List.of(), sim.step());
    sim.allocator.agentDraining("a00001", false);
    assertEquals(List.of("a00001"), sim.step().stream().map(Allocation::agentId).toList());
    sim.allocator.frameworkActive("f", false);
    sim.allocator.agentActive("a00000", true);
    assertEquals(List.of(), sim.step());
    sim.allocator.frameworkActive("f", true);
    assertEquals(List.of("a00000"), sim.step().stream().map(Allocation::agentId).toList());
  }

  @Test
  void aDrainMarkedBeforeTheAgentIsKnownStillHolds() {
    AllocatorSim sim = new AllocatorSim().framework("f", "r");
    sim.allocator.agentDraining("later", true);
    sim.allocator.addAgent("later", Resources.parse(AGENT));
    assertEquals(List.of(), sim.step());
    sim.allocator.agentDraining("later", false);
    assertEquals(1, sim.step().size());
  }

  @Test
  void partOfAnAgentReturnedIsOfferedAgainAndRemovingAFrameworkFreesAll() {
    AllocatorSim sim = new AllocatorSim().agents(1, "cpus:4;mem:1024").framework("f", "r");
    Allocation all = sim.step().get(0);
    sim.allocator.recover("f", "r", all.agentId(), Resources.parse("cpus:1;mem:256"));
    assertEquals(Resources.parse("cpus:1;mem:256"), sim.step().get(0).resources());
    sim.framework("g", "r");
    sim.allocator.removeFramework("f");
    assertEquals(Resources.parse("cpus:4;mem:1024"), sim.step().get(0).resources());
  }

  @Test
  void theRandomSorterStillAllocatesEverything() {
    AllocatorSim sim = new AllocatorSim(AllocatorConfig.DEFAULTS.withRandomSorter(7)).agents(50, AGENT)
        .framework("f", "a").framework("g", "b");
    List<Allocation> made = sim.step();
    assertEquals(50, made.size());
    assertTrue(AllocatorSim.count(made, "f") > 10 && AllocatorSim.count(made, "g") > 10);
  }

  private static Set<String> roles(List<Allocation> made) {
    return made.stream().map(Allocation::role).collect(Collectors.toSet());
  }
}
