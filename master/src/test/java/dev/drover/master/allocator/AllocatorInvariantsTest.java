package dev.drover.master.allocator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random histories (agents added, offers returned or declined, roles suppressed and revived, quotas and
 * weights changed, time passing): after every cycle no agent is allocated more than it has and no role holds more
 * than its quota.
 */
class AllocatorInvariantsTest {
  private static final List<String> ROLES = List.of("a", "b", "c");

  @Test
  void agentsAreNeverOverAllocatedAndQuotaIsNeverExceeded() {
    for (long seed = 1; seed <= 20; seed++) {
      run(seed);
    }
  }

  private void run(long seed) {
    Random random = new Random(seed);
    Map<String, Resources> totals = new HashMap<>();
    AllocatorSim sim = new AllocatorSim();
    for (int i = 0; i < 20; i++) {
      addAgent(sim, totals, "a" + i, "cpus:8;mem:2048;disk:100;ports:[1-100]");
    }
    for (int f = 0; f < 6; f++) {
      sim.framework("f" + f, ROLES.get(f % 3), ROLES.get((f + 1) % 3));
    }
    sim.allocator.updateQuota("a", Resources.parse("cpus:13.5;mem:3000"));
    for (int step = 0; step < 300; step++) {
      switch (random.nextInt(8)) {
        case 0 -> addAgent(sim, totals, "x" + step, "cpus:" + (1 + random.nextInt(8)) + ";mem:512");
        case 1 -> sim.declineAll("f" + random.nextInt(6), Duration.ofSeconds(random.nextInt(10)));
        case 2 -> sim.allocator.suppress("f" + random.nextInt(6), List.of(ROLES.get(random.nextInt(3))));
        case 3 -> sim.allocator.revive("f" + random.nextInt(6), List.of());
        case 4 -> sim.allocator.updateQuota(ROLES.get(random.nextInt(3)),
            random.nextBoolean() ? Resources.EMPTY : Resources.parse("cpus:" + random.nextInt(30)));
        case 5 -> sim.allocator.updateWeights(Map.of(ROLES.get(random.nextInt(3)), 0.5 + random.nextInt(4)));
        case 6 -> returnSome(sim, random);
        default -> sim.clock.advance(Duration.ofSeconds(random.nextInt(4)));
      }
      RolesView before = sim.allocator.roles();
      List<Allocation> made = sim.step();
      String where = "seed " + seed + " step " + step;
      for (RolesView.Role r : before.roles().values()) {
        double[] got = new double[1];
        for (String kind : r.quota().scalarNames()) {
          got[0] = made.stream().filter(a -> a.role().equals(r.name())).mapToDouble(a -> a.resources().scalar(kind))
              .sum();
          double headroom = Math.max(0, r.quota().scalar(kind) - r.allocated().scalar(kind));
          assertTrue(got[0] <= headroom + 1e-9, where + ": role " + r.name() + " got " + got[0] + " " + kind
              + " with " + headroom + " headroom under " + r.quota());
        }
      }
      for (Map.Entry<String, Resources> agent : totals.entrySet()) {
        Resources held = Resources.EMPTY;
        for (Resources r : sim.allocator.allocations(agent.getKey()).values()) {
          held = held.plus(r);
        }
        assertTrue(agent.getValue().contains(held), where + ": agent " + agent.getKey() + " holds " + held
            + " of " + agent.getValue());
      }
    }
  }

  private static void addAgent(AllocatorSim sim, Map<String, Resources> totals, String id, String resources) {
    totals.put(id, Resources.parse(resources));
    sim.allocator.addAgent(id, Resources.parse(resources));
  }

  private static void returnSome(AllocatorSim sim, Random random) {
    List<Allocation> kept = new java.util.ArrayList<>();
    for (Allocation a : sim.outstanding) {
      if (random.nextInt(3) != 0) {
        kept.add(a);
        continue;
      }
      boolean whole = random.nextBoolean() || a.resources().cpus() < 1;
      Resources part = whole ? a.resources() : Resources.parse("cpus:1");
      sim.allocator.recover(a.frameworkId(), a.role(), a.agentId(), part);
      if (!whole) {
        kept.add(new Allocation(a.frameworkId(), a.role(), a.agentId(), a.resources().minus(part)));
      }
    }
    sim.outstanding.clear();
    sim.outstanding.addAll(kept);
  }
}
