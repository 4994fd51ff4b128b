package dev.drover.master.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class SorterTest {
  private final ClusterTotals totals = new ClusterTotals();

  private DrfSorter drf() {
    totals.add(Resources.parse("cpus:100;mem:1000"));
    DrfSorter s = new DrfSorter(totals);
    s.add("a");
    s.add("b");
    s.add("c");
    return s;
  }

  @Test
  void drfServesTheSmallestDominantShareFirst() {
    DrfSorter s = drf();
    s.allocated("a", "x", Resources.parse("cpus:10;mem:10"));    // share 0.10 (cpus)
    s.allocated("b", "x", Resources.parse("cpus:1;mem:300"));    // share 0.30 (mem)
    assertEquals(List.of("c", "a", "b"), s.sort());
    s.unallocated("b", "x", Resources.parse("mem:295"));          // share 0.01
    assertEquals(List.of("c", "b", "a"), s.sort());
  }

  @Test
  void drfDividesTheShareByTheWeight() {
    DrfSorter s = drf();
    s.weight("a", 3);
    s.allocated("a", "x", Resources.parse("cpus:30"));   // 0.3 / 3 = 0.1
    s.allocated("b", "x", Resources.parse("cpus:20"));   // 0.2
    s.allocated("c", "x", Resources.parse("cpus:15"));   // 0.15
    assertEquals(List.of("a", "c", "b"), s.sort());
    assertEquals(0.1, s.share("a"), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> s.weight("a", 0));
  }

  @Test
  void drfBreaksTiesByAllocationsThenName() {
    DrfSorter s = drf();
    assertEquals(List.of("a", "b", "c"), s.sort());
    s.allocated("a", "x", Resources.parse("ports:[1-2]"));  // no scalar: share still 0, one allocation more
    assertEquals(List.of("b", "c", "a"), s.sort());
  }

  @Test
  void inactiveClientsAreLeftOutButKeepTheirAllocation() {
    DrfSorter s = drf();
    s.allocated("a", "x", Resources.parse("cpus:50"));
    s.deactivate("a");
    assertEquals(List.of("b", "c"), s.sort());
    s.activate("a");
    assertEquals(List.of("b", "c", "a"), s.sort());
    s.remove("b");
    assertEquals(List.of("c", "a"), s.sort());
  }

  @Test
  void sharesFollowTheClusterTotals() {
    DrfSorter s = drf();
    s.allocated("a", "x", Resources.parse("cpus:50"));      // 0.5 of cpus
    s.allocated("b", "x", Resources.parse("mem:400"));      // 0.4 of mem
    assertEquals(List.of("c", "b", "a"), s.sort());
    totals.add(Resources.parse("cpus:100"));                 // a: 0.25 now
    assertEquals(List.of("c", "a", "b"), s.sort());
  }

  @Test
  void visitStopsWhenTheVisitorSaysSo() {
    DrfSorter s = drf();
    StringBuilder seen = new StringBuilder();
    s.visit(c -> {
      seen.append(c);
      return !c.equals("b");
    });
    assertEquals("ab", seen.toString());
  }

  @Test
  void randomSorterIsSeededAndWeighted() {
    RandomSorter one = new RandomSorter(42);
    RandomSorter two = new RandomSorter(42);
    for (RandomSorter s : List.of(one, two)) {
      s.add("light");
      s.add("heavy");
      s.weight("heavy", 3);
    }
    int heavyFirst = 0;
    for (int i = 0; i < 4000; i++) {
      List<String> order = one.sort();
      assertEquals(order, two.sort());
      assertEquals(2, order.size());
      heavyFirst += order.get(0).equals("heavy") ? 1 : 0;
    }
    assertTrue(heavyFirst > 2800 && heavyFirst < 3200, "heavy first " + heavyFirst + " of 4000");
    one.deactivate("heavy");
    assertEquals(List.of("light"), one.sort());
  }
}
