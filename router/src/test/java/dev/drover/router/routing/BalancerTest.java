package dev.drover.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancerTest {
  long now = 0;
  final Balancer b = new Balancer(() -> now);
  final List<Target> targets = List.of(new Target("t1", "h", 1), new Target("t2", "h", 2), new Target("t3", "h", 3));

  @Test
  void roundRobinTakesEachInTurnAndSkipsExcluded() {
    Pool p = new Pool("/a", 0, Balance.ROUNDROBIN, targets);
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      seen.add(b.pick(p, Set.of()).orElseThrow().taskId());
    }
    assertEquals(List.of("t1", "t2", "t3", "t1", "t2", "t3"), seen);
    for (int k = 0; k < 4; k++) {
      assertTrue(!b.pick(p, Set.of("h:2")).orElseThrow().taskId().equals("t2"));
    }
    assertTrue(b.pick(p, Set.of("h:1", "h:2", "h:3")).isEmpty());
    assertTrue(b.pick(new Pool("/a", 0, Balance.ROUNDROBIN, List.of()), Set.of()).isEmpty());
  }

  @Test
  void leastConnPicksTheLeastBusy() {
    Pool p = new Pool("/a", 0, Balance.LEASTCONN, targets);
    b.opened("h:1");
    b.opened("h:1");
    b.opened("h:3");
    assertEquals("t2", b.pick(p, Set.of()).orElseThrow().taskId());
    b.opened("h:2");
    b.opened("h:2");
    assertEquals("t3", b.pick(p, Set.of()).orElseThrow().taskId());
    b.closed("h:1");
    b.closed("h:1");
    assertEquals("t1", b.pick(p, Set.of()).orElseThrow().taskId());
    assertEquals(Balance.LEASTCONN, Balance.parse(" LeastConn "));
    assertEquals(Balance.ROUNDROBIN, Balance.parse("bogus"));
  }

  @Test
  void anEjectedTargetIsSkippedForAWhileUnlessNothingElseIsLeft() {
    Pool p = new Pool("/a", 0, Balance.ROUNDROBIN, targets.subList(0, 2));
    b.eject("h:1");
    for (int k = 0; k < 4; k++) {
      assertEquals("t2", b.pick(p, Set.of()).orElseThrow().taskId());
    }
    assertEquals("t1", b.pick(p, Set.of("h:2")).orElseThrow().taskId(), "tried rather than refused");
    now += Balancer.EJECTION.toNanos();
    assertTrue(!b.ejected("h:1"));
    Set<String> seen = new java.util.HashSet<>();
    for (int k = 0; k < 4; k++) {
      seen.add(b.pick(p, Set.of()).orElseThrow().taskId());
    }
    assertEquals(Set.of("t1", "t2"), seen);
  }
}
