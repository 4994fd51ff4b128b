package dev.drover.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {
  @Test
  void theSameSeedGivesTheSameFaults() {
    assertEquals(ChaosRun.schedule(42, 50), ChaosRun.schedule(42, 50));
    assertNotEquals(ChaosRun.schedule(42, 50), ChaosRun.schedule(43, 50));
  }

  @Test
  void everyBlockOfEightHasEveryKindOnce() {
    List<Fault> s = ChaosRun.schedule(7, 203);
    assertEquals(203, s.size());
    for (int i = 0; i + 8 <= s.size(); i += 8) {
      assertEquals(EnumSet.allOf(Fault.class), EnumSet.copyOf(s.subList(i, i + 8)), "block at " + i);
    }
  }
}
