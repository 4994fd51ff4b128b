package dev.drover.apps.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The reconciler outside deployments: it converges to the wanted count and honours the kill selection. */
class SteadyStatePropertiesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant V = Instant.parse("2025-01-01T00:00:00Z");

  @Property(tries = 500)
  void convergesToTheWantedCountAndKillsInSelectionOrder(@ForAll @IntRange(max = 20) int have,
      @ForAll @IntRange(max = 20) int wanted, @ForAll @IntRange(max = 20) int staging, @ForAll boolean youngest) {
    List<Instance> inst = new ArrayList<>();
    for (int k = 0; k < have; k++) {
      TaskState s = k < Math.min(staging, have) ? TaskState.STAGING : TaskState.RUNNING;
      Instant started = s == TaskState.RUNNING ? T0.plusSeconds(k) : null;
      inst.add(new Instance("t" + k, "/a", "a1", "h", null, null, s, T0, started, V, V, null, null,
          Instance.Goal.RUN, null, started));
    }
    RunSpec spec = RunSpec.builder("/a").cmd("x").instances(wanted)
        .killSelection(youngest ? KillSelection.YOUNGEST_FIRST : KillSelection.OLDEST_FIRST).build();
    Decision d = AppReconciler.decide(spec, V, wanted, false, inst, T0.plusSeconds(100));
    assertEquals(Math.max(0, wanted - have), d.toLaunch());
    assertEquals(Math.max(0, have - wanted), d.kills().size());
    Set<String> killed = d.kills().stream().map(Decision.Kill::taskId).collect(Collectors.toSet());
    List<Instance> kept = inst.stream().filter(i -> !killed.contains(i.taskId())).toList();
    for (Instance k : inst.stream().filter(i -> killed.contains(i.taskId())).toList()) {
      for (Instance survivor : kept) {
        boolean kReady = k.isReady(false);
        boolean sReady = survivor.isReady(false);
        assertTrue(!kReady || sReady, "a ready instance went while a not-ready one stayed");
        if (kReady && sReady) {
          int cmp = k.startedAt().compareTo(survivor.startedAt());
          assertTrue(youngest ? cmp > 0 : cmp < 0, "kill selection violated");
        }
      }
    }
    assertEquals(wanted == have && staging == 0 || wanted == 0 && have == 0, d.done());
  }
}
