package dev.drover.sdk.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
  static Offer offer(String id, double cpus, double mem, String rack) {
    return new Offer("o-" + id, id, id + ".example", Resources.parse("cpus:" + cpus + ";mem:" + mem
        + ";ports:[31000-31002]"), Map.of("rack", rack));
  }

  static PlacementRequest req(String id, double cpus) {
    return PlacementRequest.of(id, "app", Resources.of(cpus, 64, 0));
  }

  @Test
  void reportsTheShortResourcePerOffer() {
    PlacementResult r = Placement.place(List.of(req("t1", 4)), List.of(offer("a1", 1, 1024, "r1")));
    assertTrue(r.assignments().isEmpty());
    assertEquals(Map.of("o-a1", "insufficient cpus (wanted 4, offered 1)"), r.unplaced().get(0).reasons());
  }

  @Test
  void reportsTheFailedHardConstraintPerOffer() {
    PlacementRequest t = req("t1", 1).with(Constraint.hard("rack", Operator.IS, "r9"));
    PlacementResult r = Placement.place(List.of(t), List.of(offer("a1", 2, 1024, "r1")));
    assertEquals("constraint [rack, IS, r9] failed: rack=r1 is not r9", r.unplaced().get(0).reasons().get("o-a1"));
  }

  @Test
  void requestsOfOneCallShareOffersAndSeeEachOther() {
    List<PlacementRequest> three = List.of(req("t1", 1), req("t2", 1), req("t3", 1)).stream()
        .map(p -> p.with(Constraint.hard("hostname", Operator.UNIQUE))).toList();
    PlacementResult r = Placement.place(three, List.of(offer("a1", 4, 1024, "r1"), offer("a2", 4, 1024, "r2")));
    assertEquals(2, r.assignments().size());
    assertEquals(1, r.unplaced().size());
    assertTrue(r.unplaced().get(0).reasons().values().stream().allMatch(s -> s.contains("UNIQUE")));
  }

  @Test
  void existingInstancesCount() {
    Map<String, List<Instance>> existing = Map.of("app", List.of(new Instance("a1", "a1.example", Map.of())));
    PlacementRequest t = req("t1", 1).with(Constraint.hard("hostname", Operator.UNIQUE));
    PlacementResult r = Placement.using(Fitness.FIRST_FIT)
        .place(List.of(t), List.of(offer("a1", 4, 1024, "r1"), offer("a2", 4, 1024, "r2")), existing);
    assertEquals("a2", r.assignments().get(0).offer().agentId());
  }

  @Test
  void spreadAndBinPackPickDifferentOffers() {
    List<Offer> offers = List.of(offer("small", 2, 1024, "r1"), offer("big", 8, 1024, "r1"));
    Offer busy = new Offer("o-busy", "busy", "busy", Resources.of(8, 1024, 0), Map.of());
    assertEquals("big", Placement.using(Fitness.SPREAD).place(List.of(req("t", 1)), offers, Map.of())
        .assignments().get(0).offer().agentId());
    assertEquals("small", Placement.using(Fitness.BIN_PACK).place(List.of(req("t", 1)), offers, Map.of())
        .assignments().get(0).offer().agentId());
    assertTrue(Fitness.BIN_PACK.score(busy, Resources.of(1, 128, 0), Resources.of(1, 128, 0), 0) == 1.0);
  }

  @Test
  void softConstraintsPreferButDoNotExclude() {
    PlacementRequest t = req("t1", 1).with(Constraint.soft("rack", Operator.IS, "r2"));
    List<Offer> offers = List.of(offer("a1", 4, 1024, "r1"), offer("a2", 4, 1024, "r2"));
    assertEquals("a2", Placement.place(List.of(t), offers).assignments().get(0).offer().agentId());
    assertEquals("a1", Placement.place(List.of(t), offers.subList(0, 1)).assignments().get(0).offer().agentId());
  }

  @Test
  void assignsTheLowestFreePortsAndRunsOutWithAReason() {
    List<PlacementRequest> rs = List.of(req("t1", 0.1).withPorts(2), req("t2", 0.1).withPorts(2));
    PlacementResult r = Placement.place(rs, List.of(offer("a1", 4, 1024, "r1")));
    Assignment a = r.assignments().get(0);
    assertEquals(List.of(31000L, 31001L), a.ports());
    assertEquals(2, a.resources().ports().size());
    assertEquals("insufficient ports (wanted 2, offered 1)", r.unplaced().get(0).reasons().get("o-a1"));
    assertEquals(List.of(), r.unused(List.of(offer("a1", 4, 1024, "r1"))));
  }

  @Test
  void groupBySpreadsTheRequestsOfOneCallOverRacks() {
    List<Offer> offers = List.of(offer("a1", 8, 4096, "r1"), offer("a2", 8, 4096, "r1"), offer("a3", 8, 4096, "r2"));
    List<PlacementRequest> four = List.of("t1", "t2", "t3", "t4").stream()
        .map(id -> req(id, 1).with(Constraint.hard("rack", Operator.GROUP_BY, "2"))).toList();
    PlacementResult r = Placement.using(Fitness.BIN_PACK).place(four, offers, Map.of());
    assertEquals(4, r.assignments().size());
    Map<String, Long> perRack = r.assignments().stream().collect(java.util.stream.Collectors.groupingBy(
        a -> a.offer().attributes().get("rack"), java.util.stream.Collectors.counting()));
    assertEquals(Map.of("r1", 2L, "r2", 2L), perRack);
  }

  @Test
  void noOffersMeansUnplacedWithoutReasons() {
    PlacementResult r = Placement.place(List.of(req("t1", 1)), List.of());
    assertEquals(Map.of(), r.unplaced().get(0).reasons());
  }
}
