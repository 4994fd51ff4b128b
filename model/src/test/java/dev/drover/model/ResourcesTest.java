package dev.drover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.rpc.ProtoResources;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  @Test
  void scalarsAddAndSubtractExactly() {
    Resources r = Resources.scalar("cpus", 0.1);
    Resources sum = Resources.EMPTY;
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(r);
    }
    assertEquals(1.0, sum.cpus());
    assertEquals(Resources.scalar("cpus", 1), sum);
    assertEquals(Resources.EMPTY, sum.minus(Resources.scalar("cpus", 1)));
    assertTrue(sum.minus(Resources.scalar("cpus", 5)).isEmpty(), "subtraction stops at zero");
  }

  @Test
  void rangesSplitMergeAndContain() {
    Resources all = Resources.parse("ports:[31000-31010]");
    Resources some = Resources.builder().ports(31000, 31005, 31010).build();
    assertTrue(all.contains(some));
    Resources left = all.minus(some);
    assertEquals("ports:[31001-31004,31006-31009]", left.toString());
    assertFalse(left.contains(Resources.builder().ports(31005).build()));
    assertEquals(all, left.plus(some));
    assertEquals(8, left.ports().size());
    assertEquals(java.util.List.of(31001L, 31002L), left.ports().first(2));
  }

  @Test
  void setsBehaveAsSets() {
    Resources r = Resources.parse("zones:{a,b,c}");
    assertTrue(r.contains(Resources.parse("zones:{b}")));
    assertEquals(Set.of("a", "c"), r.minus(Resources.parse("zones:{b}")).set("zones"));
    assertFalse(r.contains(Resources.parse("zones:{d}")));
  }

  @Test
  void containsAndShortfallNameWhatIsMissing() {
    Resources agent = Resources.parse("cpus:2;mem:1024;ports:[31000-31001]");
    Resources task = Resources.parse("cpus:1;mem:2048;ports:[31002]");
    assertFalse(agent.contains(task));
    assertEquals(Set.of("mem", "ports"), agent.shortfall(task));
    assertTrue(agent.shortfall(Resources.parse("cpus:2")).isEmpty());
  }

  @Test
  void parseAndPrintRoundTrip() {
    Resources r = Resources.parse("cpus:4; mem:1024.5 ;disk:0;ports:[31000-32000];zones:{x}");
    assertEquals("cpus:4;mem:1024.5;ports:[31000-32000];zones:{x}", r.toString());
    assertEquals(r, Resources.parse(r.toString()));
  }

  @Test
  void badTextNamesTheEntry() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resources.parse("cpus:-1"));
    assertTrue(e.getMessage().contains("cpus:-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Resources.parse("ports:[5-2]"));
    assertThrows(IllegalArgumentException.class, () -> Resources.parse("mem"));
  }

  @Test
  void protoRoundTrip() {
    Resources r = Resources.parse("cpus:1.5;mem:128;ports:[1-3,7];zones:{a}");
    assertEquals(r, ProtoResources.toDomain(ProtoResources.toProto(r)));
  }
}
