package dev.drover.apps.engine.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UpgradeStrategy;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.AppReconciler;
import dev.drover.apps.engine.reconcile.Decision;
import dev.drover.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Marathon's rolling replacement, driven round by round through the pure reconciler. */
class RollingReplacementTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant NEW = Instant.parse("2025-06-01T00:00:00Z");

  static Instance running(String id, Instant config) {
    return new Instance(id, "/app", "a1", "h1", null, null, TaskState.RUNNING, T0, T0, config, config, null, null,
        Instance.Goal.RUN, null, T0);
  }

  static RunSpec spec(int n, double min, double max) {
    return RunSpec.builder("/app").instances(n).cmd("x").version(NEW)
        .upgradeStrategy(new UpgradeStrategy(min, max)).build();
  }

  @Test
  void marathonsExampleFourInstancesHalfHealthNoOverCapacityKillsTwoOldThenStartsTwoNew() {
    List<Instance> old = List.of(running("o1", OLD), running("o2", OLD), running("o3", OLD), running("o4", OLD));
    Decision d = AppReconciler.decide(spec(4, 0.5, 0.0), NEW, 4, true, old, T0);
    assertEquals(2, d.kills().size());
    assertEquals(2, d.toLaunch());
  }

  @Test
  void marathonsDefaultStartsAllNewBeforeKillingAnyOld() {
    List<Instance> old = List.of(running("o1", OLD), running("o2", OLD), running("o3", OLD));
    Decision d = AppReconciler.decide(spec(3, 1.0, 1.0), NEW, 3, true, old, T0);
    assertEquals(0, d.kills().size());
    assertEquals(3, d.toLaunch());
  }

  @Test
  void fullHealthWithoutOverCapacityStillMakesProgressOneAtATime() {
    List<Instance> old = List.of(running("o1", OLD), running("o2", OLD));
    Decision d = AppReconciler.decide(spec(2, 1.0, 0.0), NEW, 2, true, old, T0);
    assertEquals(0, d.kills().size());
    assertEquals(1, d.toLaunch(), "Marathon allows one extra instance when min == max capacity");
  }

  @Test
  void floatingPointProductsDoNotRaiseTheMinimum() {
    assertEquals(7, RestartStrategy.of(10, new UpgradeStrategy(0.7, 0.0), 10).minHealthy());
  }

  /** Runs a whole replacement; new instances become ready in a random order; checks the bounds at every round. */
  @Property(tries = 300)
  void minimumHealthIsNeverViolatedAndTheReplacementCompletes(@ForAll @IntRange(min = 1, max = 12) int n,
      @ForAll @IntRange(min = 0, max = 10) int minTenths, @ForAll @IntRange(min = 0, max = 10) int maxTenths,
      @ForAll long seed) {
    RunSpec spec = spec(n, minTenths / 10.0, maxTenths / 10.0);
    RestartStrategy bounds = RestartStrategy.of(n, spec.upgradeStrategy(), n);
    Random random = new Random(seed);
    Map<String, Instance> live = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      live.put("o" + k, running("o" + k, OLD));
    }
    Set<String> readyNew = new HashSet<>();
    int launched = 0;
    for (int round = 0; round < 10 * n + 20; round++) {
      Decision d = AppReconciler.decide(spec, NEW, n, true, new ArrayList<>(live.values()), T0);
      if (d.done()) {
        assertEquals(n, live.size());
        assertTrue(live.values().stream().allMatch(i -> i.configVersion().equals(NEW)));
        return;
      }
      d.kills().forEach(k -> live.remove(k.taskId()));
      long ready = live.values().stream().filter(i -> i.isReady(false)).count();
      assertTrue(ready >= Math.min(bounds.minHealthy(), n), "ready " + ready + " < " + bounds.minHealthy());
      for (int k = 0; k < d.toLaunch(); k++) {
        String id = "n" + launched++;
        live.put(id, new Instance(id, "/app", "a1", "h1", null, null, TaskState.STAGING, T0, null, NEW, NEW, null,
            null, Instance.Goal.RUN, null, null));
      }
      assertTrue(live.size() <= Math.max(bounds.maxCapacity(), n + 1), "capacity " + live.size());
      List<String> staging = live.values().stream().filter(i -> i.state() == TaskState.STAGING)
          .map(Instance::taskId).toList();
      if (!staging.isEmpty()) {
        String id = staging.get(random.nextInt(staging.size()));
        live.put(id, running(id, NEW));
        readyNew.add(id);
      }
    }
    throw new AssertionError("the replacement did not complete");
  }
}
