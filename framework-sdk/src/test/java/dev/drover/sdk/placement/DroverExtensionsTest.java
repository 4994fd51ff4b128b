package dev.drover.sdk.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drover's placement extensions: GLOBAL, COLOCATE, SEPARATE and the "soft" fourth element. */
class DroverExtensionsTest {
  static final Instance A1 = ConstraintsTest.agent("a1", "r1");
  static final Instance A2 = ConstraintsTest.agent("a2", "r2");

  @Test
  void parsesTheExtensionsAndTheSoftMarker() {
    assertEquals(Constraint.hard("hostname", Operator.GLOBAL), Constraint.parse(List.of("hostname", "GLOBAL")));
    assertEquals(Constraint.hard("app", Operator.COLOCATE, "/prod/db"),
        Constraint.parse(List.of("app", "COLOCATE", "/prod/db")));
    assertEquals(Constraint.hard("label:tier", Operator.SEPARATE, "db"),
        Constraint.parse(List.of("label:tier", "separate", "db")));
    assertEquals(Constraint.soft("rack", Operator.GROUP_BY, "3"),
        Constraint.parse(List.of("rack", "GROUP_BY", "3", "soft")));
    assertEquals(new Constraint("hostname", Operator.UNIQUE, java.util.Optional.empty(), true),
        Constraint.parse(List.of("hostname", "UNIQUE", "", "soft")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "IS", "r1", "maybe")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "COLOCATE", "x")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("app", "SEPARATE")));
  }

  @Test
  void globalAllowsOneInstancePerAgent() {
    Constraint g = Constraint.hard("hostname", Operator.GLOBAL);
    assertTrue(Constraints.judge(g, A1, List.of(A2)).pass());
    Verdict v = Constraints.judge(g, A1, List.of(A1));
    assertEquals("constraint [hostname, GLOBAL] failed: agent a1.example already runs an instance", v.reason());
  }

  @Test
  void colocateNeedsAPeerOnTheAgentByAppOrLabel() {
    List<Peer> peers = List.of(new Peer("a1", "/prod/db", Map.of("tier", "db")));
    Constraint byApp = Constraint.hard("app", Operator.COLOCATE, "/prod/db");
    assertTrue(Constraints.judge(byApp, A1, List.of(), peers, "/prod/web").pass());
    assertEquals("constraint [app, COLOCATE, /prod/db] failed: agent a2.example runs no instance of /prod/db",
        Constraints.judge(byApp, A2, List.of(), peers, "/prod/web").reason());
    Constraint byLabel = Constraint.hard("label:tier", Operator.COLOCATE, "db");
    assertTrue(Constraints.judge(byLabel, A1, List.of(), peers, "/prod/web").pass());
    assertFalse(Constraints.judge(byLabel, A2, List.of(), peers, "/prod/web").pass());
  }

  @Test
  void separateRefusesAgentsWithAPeerButNotTheGroupsOwnInstances() {
    List<Peer> peers = List.of(new Peer("a1", "/prod/db", Map.of("tier", "db")));
    Constraint sep = Constraint.hard("label:tier", Operator.SEPARATE, "db");
    assertEquals("constraint [label:tier, SEPARATE, db] failed: agent a1.example runs an instance of tier=db",
        Constraints.judge(sep, A1, List.of(), peers, "/prod/cache").reason());
    assertTrue(Constraints.judge(sep, A2, List.of(), peers, "/prod/cache").pass());
    assertTrue(Constraints.judge(sep, A1, List.of(), peers, "/prod/db").pass());
  }

  @Test
  void placementHonoursPeersAndSoftPreferences() {
    Offer o1 = new Offer("o1", "a1", "a1.example", Resources.of(4, 4096, 0), Map.of());
    Offer o2 = new Offer("o2", "a2", "a2.example", Resources.of(4, 4096, 0), Map.of());
    List<Peer> peers = List.of(new Peer("a2", "/db", Map.of()));
    PlacementRequest near = PlacementRequest.of("t1", "/web", Resources.of(1, 64, 0))
        .with(Constraint.hard("app", Operator.COLOCATE, "/db"));
    PlacementResult r = Placement.using(Fitness.FIRST_FIT).place(List.of(near), List.of(o1, o2), Map.of(), peers);
    assertEquals("a2", r.assignments().get(0).offer().agentId());
    PlacementRequest prefer = PlacementRequest.of("t2", "/web", Resources.of(1, 64, 0))
        .with(Constraint.soft("app", Operator.SEPARATE, "/db"));
    r = Placement.using(Fitness.FIRST_FIT).place(List.of(prefer), List.of(o2, o1), Map.of(), peers);
    assertEquals("a1", r.assignments().get(0).offer().agentId());
    PlacementRequest onlyThere = PlacementRequest.of("t3", "/web", Resources.of(1, 64, 0))
        .with(Constraint.soft("app", Operator.COLOCATE, "/nothing"));
    r = Placement.using(Fitness.FIRST_FIT).place(List.of(onlyThere), List.of(o1), Map.of(), peers);
    assertEquals(1, r.assignments().size(), "a failed preference still places");
  }
}
