package dev.drover.sdk.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
  static Instance agent(String id, String rack) {
    return new Instance(id, id + ".example", Map.of("rack", rack, "region", "eu", "zone", "eu-" + rack));
  }

  static final Instance A1 = agent("a1", "r1");
  static final Instance A2 = agent("a2", "r1");
  static final Instance A3 = agent("a3", "r2");

  @Test
  void uniqueFailsWhenTheValueIsTaken() {
    Constraint c = Constraint.hard("hostname", Operator.UNIQUE);
    assertTrue(Constraints.judge(c, A1, List.of(A2)).pass());
    Verdict v = Constraints.judge(c, A1, List.of(A1));
    assertFalse(v.pass());
    assertEquals("constraint [hostname, UNIQUE] failed: hostname=a1.example already has 1 instance(s)", v.reason());
  }

  @Test
  void clusterWithValueAndWithoutValue() {
    assertTrue(Constraints.judge(Constraint.hard("rack", Operator.CLUSTER, "r1"), A1, List.of()).pass());
    Verdict v = Constraints.judge(Constraint.hard("rack", Operator.CLUSTER, "r1"), A3, List.of());
    assertEquals("constraint [rack, CLUSTER, r1] failed: rack=r2 is not r1", v.reason());
    Constraint follow = Constraint.hard("rack", Operator.CLUSTER);
    assertTrue(Constraints.judge(follow, A3, List.of()).pass());
    assertTrue(Constraints.judge(follow, A2, List.of(A1)).pass());
    assertTrue(Constraints.judge(follow, A3, List.of(A1)).reason().contains("differs from the placed instances' [r1]"));
  }

  @Test
  void groupBySpreadsEvenlyAndHonoursTheGroupCount() {
    Constraint c = Constraint.hard("rack", Operator.GROUP_BY, "2");
    assertTrue(Constraints.judge(c, A3, List.of(A1)).pass());
    Verdict v = Constraints.judge(c, A2, List.of(A1));
    assertFalse(v.pass());
    assertEquals("constraint [rack, GROUP_BY, 2] failed: rack=r1 has 1 instance(s), the least used value has 0",
        v.reason());
    assertTrue(Constraints.judge(c, A2, List.of(A1, A3)).pass());
    assertFalse(Constraints.judge(c, A2, List.of(A1, A2, A3)).pass());
    assertTrue(Constraints.judge(Constraint.hard("rack", Operator.GROUP_BY), A2, List.of(A1)).pass(),
        "one group by default: values not yet seen are unknown to the constraint");
    Constraint three = Constraint.hard("rack", Operator.GROUP_BY, "3");
    assertFalse(Constraints.judge(three, A3, List.of(A1, A3)).pass(), "fewer than 3 racks seen: only new ones");
    assertTrue(Constraints.judge(three, A3, List.of(A1)).pass());
  }

  @Test
  void likeAndUnlikeMatchTheWholeValue() {
    assertTrue(Constraints.judge(Constraint.hard("rack", Operator.LIKE, "r[12]"), A1, List.of()).pass());
    assertEquals("constraint [rack, LIKE, r2] failed: rack=r1 does not match r2",
        Constraints.judge(Constraint.hard("rack", Operator.LIKE, "r2"), A1, List.of()).reason());
    assertFalse(Constraints.judge(Constraint.hard("rack", Operator.LIKE, "r"), A1, List.of()).pass());
    assertEquals("constraint [hostname, UNLIKE, a1.*] failed: hostname=a1.example matches a1.*",
        Constraints.judge(Constraint.hard("hostname", Operator.UNLIKE, "a1.*"), A1, List.of()).reason());
    assertTrue(Constraints.judge(Constraint.hard("hostname", Operator.UNLIKE, "a1.*"), A3, List.of()).pass());
    assertTrue(Constraints.judge(Constraint.hard("gpu", Operator.UNLIKE, "x"), A3, List.of()).pass(),
        "an agent without the attribute passes UNLIKE");
  }

  @Test
  void maxPerCountsPerValue() {
    Constraint c = Constraint.hard("rack", Operator.MAX_PER, "2");
    assertTrue(Constraints.judge(c, A2, List.of(A1)).pass());
    Verdict v = Constraints.judge(c, A2, List.of(A1, A1));
    assertEquals("constraint [rack, MAX_PER, 2] failed: rack=r1 already has 2 of at most 2", v.reason());
    assertTrue(v.score() > 0 && v.score() < 1);
  }

  @Test
  void isComparesHostnameRegionZoneAndAttributes() {
    assertTrue(Constraints.judge(Constraint.hard("@hostname", Operator.IS, "a1.example"), A1, List.of()).pass());
    assertTrue(Constraints.judge(Constraint.hard("@region", Operator.IS, "eu"), A1, List.of()).pass());
    assertTrue(Constraints.judge(Constraint.hard("@zone", Operator.IS, "eu-r2"), A3, List.of()).pass());
    assertEquals("constraint [@zone, IS, eu-r2] failed: @zone=eu-r1 is not eu-r2",
        Constraints.judge(Constraint.hard("@zone", Operator.IS, "eu-r2"), A1, List.of()).reason());
    assertEquals("constraint [gpu, IS, yes] failed: agent a1 has no gpu",
        Constraints.judge(Constraint.hard("gpu", Operator.IS, "yes"), A1, List.of()).reason());
  }

  @Test
  void parseReadsMarathonsFormAndRejectsBadArguments() {
    assertEquals(Constraint.hard("rack", Operator.GROUP_BY, "3"), Constraint.parse(List.of("rack", "group_by", "3")));
    assertEquals(Constraint.hard("hostname", Operator.UNIQUE), Constraint.parse(List.of("hostname", "UNIQUE")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "NEAR")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "LIKE")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "LIKE", "(")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "MAX_PER", "0")));
    assertThrows(IllegalArgumentException.class, () -> Constraint.parse(List.of("rack", "IS")));
  }
}
