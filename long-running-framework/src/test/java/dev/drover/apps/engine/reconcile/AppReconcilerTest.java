package dev.drover.apps.engine.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnreachableStrategy;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.model.TaskState;
import dev.drover.sdk.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppReconcilerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant V1 = Instant.parse("2025-12-01T00:00:00Z");

  static Instance inst(String id, TaskState s, Instant started, Boolean healthy) {
    return new Instance(id, "/app", "a1", "h1", null, null, s, started == null ? T0 : started, started, V1, V1,
        healthy, null, Instance.Goal.RUN, null, s == TaskState.RUNNING ? started : null);
  }

  static RunSpec spec(int n) {
    return RunSpec.builder("/app").instances(n).cmd("x").version(V1).build();
  }

  @Test
  void launchesWhatIsMissing() {
    Decision d = AppReconciler.decide(spec(3), V1, 3, false, List.of(inst("t1", TaskState.RUNNING, T0, null)), T0);
    assertEquals(2, d.toLaunch());
    assertTrue(d.kills().isEmpty());
    assertFalse(d.done());
  }

  @Test
  void scaleDownKillsYoungestFirstByDefaultAndOldestFirstWhenAsked() {
    List<Instance> three = List.of(inst("old", TaskState.RUNNING, T0, null),
        inst("mid", TaskState.RUNNING, T0.plusSeconds(10), null),
        inst("new", TaskState.RUNNING, T0.plusSeconds(20), null));
    Decision y = AppReconciler.decide(spec(1), V1, 1, false, three, T0.plusSeconds(30));
    assertEquals(List.of("new", "mid"), y.kills().stream().map(Decision.Kill::taskId).toList());
    RunSpec oldest = spec(1).toBuilder().killSelection(KillSelection.OLDEST_FIRST).build();
    Decision o = AppReconciler.decide(oldest, V1, 1, false, three, T0.plusSeconds(30));
    assertEquals(List.of("old", "mid"), o.kills().stream().map(Decision.Kill::taskId).toList());
  }

  @Test
  void scaleDownPrefersInstancesThatAreNotReady() {
    List<Instance> two = List.of(inst("running", TaskState.RUNNING, T0.plusSeconds(20), null),
        inst("staging", TaskState.STAGING, null, null));
    Decision d = AppReconciler.decide(spec(1), V1, 1, false, two, T0.plusSeconds(30));
    assertEquals("staging", d.kills().get(0).taskId());
  }

  @Test
  void unhealthyInstancesAreKilledAndReplaced() {
    RunSpec s = spec(2).toBuilder().healthCheck(HealthCheck.tcp(0)).build();
    List<Instance> two = List.of(inst("ok", TaskState.RUNNING, T0, true), inst("bad", TaskState.RUNNING, T0, false));
    Decision d = AppReconciler.decide(s, V1, 2, false, two, T0);
    assertEquals(List.of(new Decision.Kill("bad", KillReason.UNHEALTHY)), d.kills());
    assertEquals(1, d.toLaunch());
  }

  @Test
  void unreachableInstancesAreReplacedAfterInactiveAndForgottenAfterExpunge() {
    RunSpec s = spec(1).toBuilder().unreachableStrategy(new UnreachableStrategy(60, 600)).build();
    Instance u = new Instance("u", "/app", "a1", "h1", null, null, TaskState.UNREACHABLE, T0, T0, V1, V1, null,
        null, Instance.Goal.RUN, T0, null);
    assertEquals(0, AppReconciler.decide(s, V1, 1, false, List.of(u), T0.plusSeconds(59)).toLaunch());
    Decision inactive = AppReconciler.decide(s, V1, 1, false, List.of(u), T0.plusSeconds(60));
    assertEquals(1, inactive.toLaunch());
    assertTrue(inactive.expunge().isEmpty());
    Decision gone = AppReconciler.decide(s, V1, 1, false, List.of(u), T0.plusSeconds(600));
    assertEquals(List.of("u"), gone.expunge());
    RunSpec disabled = spec(1).toBuilder().unreachableStrategy(null).build();
    assertEquals(0, AppReconciler.decide(disabled, V1, 1, false, List.of(u), T0.plus(Duration.ofDays(9)))
        .toLaunch(), "a disabled strategy never replaces an unreachable instance");
  }

  @Test
  void anUnreachableInstanceThatComesBackBesideItsReplacementMakesOneExtraThatIsKilled() {
    Instance back = inst("back", TaskState.RUNNING, T0, null);
    Instance replacement = inst("replacement", TaskState.RUNNING, T0.plusSeconds(100), null);
    Decision d = AppReconciler.decide(spec(1), V1, 1, false, List.of(back, replacement), T0.plusSeconds(200));
    assertEquals(1, d.kills().size());
    assertEquals(KillReason.SCALE_DOWN, d.kills().get(0).reason());
  }

  @Test
  void removingTheAppKillsEverything() {
    Decision d = AppReconciler.decide(null, V1, 0, false, List.of(inst("a", TaskState.RUNNING, T0, null)), T0);
    assertEquals(KillReason.APP_REMOVED, d.kills().get(0).reason());
    assertFalse(d.done());
    assertTrue(AppReconciler.decide(null, V1, 0, false, List.of(), T0).done());
  }

  @Test
  void launchDelayGrowsByTheFactorUpToTheMaximumAndCountsFromTheFailure() {
    RunSpec s = spec(1).toBuilder().backoffSeconds(2).backoffFactor(3).maxLaunchDelaySeconds(10).build();
    LaunchDelay d1 = LaunchDelay.NONE.afterFailure(s, T0);
    assertEquals(T0.plusSeconds(2), d1.until());
    LaunchDelay d2 = d1.afterFailure(s, T0);
    assertEquals(T0.plusSeconds(6), d2.until());
    LaunchDelay d3 = d2.afterFailure(s, T0);
    assertEquals(T0.plusSeconds(10), d3.until(), "capped by maxLaunchDelaySeconds");
    assertTrue(d3.delays(T0.plusSeconds(9)));
    assertFalse(d3.delays(T0.plusSeconds(10)));
  }

  @Test
  void theFirstFailureOfAnInstanceThatHadBeenReadyIsReplacedAtOnceThenTheBackOffApplies() {
    RunSpec s = spec(1).toBuilder().backoffSeconds(2).backoffFactor(3).maxLaunchDelaySeconds(100).build();
    LaunchDelay d1 = LaunchDelay.NONE.afterFailure(s, T0, true);
    assertFalse(d1.delays(T0), "a service that ran and died is replaced without waiting");
    LaunchDelay d2 = d1.afterFailure(s, T0, true);
    assertEquals(T0.plusSeconds(6), d2.until(), "its replacement dying too backs off (n = 2)");
    assertEquals(T0.plusSeconds(2), LaunchDelay.NONE.afterFailure(s, T0, false).until(),
        "an instance that never became ready backs off from the first failure");
  }
}
