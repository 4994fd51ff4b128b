package dev.drover.cli.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DeploymentWatch} driven by a scripted probe and a manual clock: no cluster, no sleeping. */
class DeploymentWatchTest {
  private long now;
  private final StringWriter text = new StringWriter();
  private final Script probe = new Script();
  private final DeploymentWatch watch = new DeploymentWatch(probe, () -> now,
      d -> now += d.toNanos(), new PrintWriter(text, true));

  /** Each poll takes the next step; the last step repeats. */
  private static final class Script implements DeploymentWatch.Probe {
    record Step(boolean inFlight, DeploymentWatch.AppProgress progress, DeploymentWatch.Verdict verdict) {}

    final Deque<Step> steps = new ArrayDeque<>();
    Step current;

    Script step(boolean inFlight, int instances, int staged, int running, int healthy,
        DeploymentWatch.Verdict verdict) {
      steps.add(new Step(inFlight, new DeploymentWatch.AppProgress("/web", instances, staged, running, healthy),
          verdict));
      return this;
    }

    @Override
    public Optional<DeploymentWatch.Verdict> verdict(String id) {
      current = steps.size() > 1 ? steps.poll() : steps.peek();
      return Optional.ofNullable(current.verdict());
    }

    @Override
    public boolean inFlight(String id) {
      return current.inFlight();
    }

    @Override
    public List<DeploymentWatch.AppProgress> progress(List<String> appIds) {
      return List.of(current.progress());
    }
  }

  @Test
  void printsEachChangeOfProgressOnceAndEndsWithTheSuccessEvent() {
    probe.step(true, 2, 2, 0, 0, null).step(true, 2, 2, 0, 0, null).step(true, 2, 1, 1, 0, null)
        .step(true, 2, 0, 2, 2, null).step(false, 2, 0, 2, 2, new DeploymentWatch.Verdict(true, null));
    assertEquals(ExitCodes.OK, watch.watch("d1", List.of("/web"), Duration.ofMinutes(1)));
    assertEquals(List.of("deployment d1: /web: 0/2 running, 0 healthy, 2 staged",
        "deployment d1: /web: 1/2 running, 0 healthy, 1 staged",
        "deployment d1: /web: 2/2 running, 2 healthy, 0 staged",
        "deployment d1 finished"), text.toString().lines().toList());
  }

  @Test
  void aFailedDeploymentExitsThreeWithTheFrameworksReason() {
    probe.step(true, 1, 1, 0, 0, null)
        .step(false, 1, 0, 1, 0, new DeploymentWatch.Verdict(false, "automatic rollback: 3 new instances failed"));
    assertEquals(ExitCodes.DEPLOYMENT_FAILED, watch.watch("d2", List.of("/web"), Duration.ofMinutes(1)));
    assertTrue(text.toString().endsWith("deployment d2 failed: automatic rollback: 3 new instances failed\n"),
        text.toString());
  }

  @Test
  void stillRunningAfterTheTimeoutExitsFour() {
    probe.step(true, 1, 0, 0, 0, null);
    assertEquals(ExitCodes.TIMEOUT, watch.watch("d3", List.of("/web"), Duration.ofSeconds(5)));
    assertEquals(Duration.ofSeconds(5), Duration.ofNanos(now));
    assertTrue(text.toString().contains("deployment d3 still running after 5 s (--timeout)"), text.toString());
    assertTrue(text.toString().contains("drover deployments rollback d3"), text.toString());
  }

  @Test
  void aDeploymentGoneWithoutAnEventCountsAsFinishedAfterTheGracePolls() {
    probe.step(true, 1, 1, 0, 0, null).step(false, 1, 0, 1, 0, null);
    assertEquals(ExitCodes.OK, watch.watch("d4", List.of("/web"), Duration.ofMinutes(1)));
    assertEquals(DeploymentWatch.POLL.multipliedBy(DeploymentWatch.GRACE_POLLS), Duration.ofNanos(now));
  }

  @Test
  void aFinishedDeploymentWithFewerInstancesRunningSaysSo() {
    probe.step(false, 3, 0, 1, 0, new DeploymentWatch.Verdict(true, null));
    assertEquals(ExitCodes.OK, watch.watch("d6", List.of("/web"), Duration.ofMinutes(1)));
    assertTrue(text.toString().endsWith("deployment d6 finished\nnote: /web has 1 of 3 instances running now "
        + "(its tasks may be failing: drover apps show /web)\n"), text.toString());
  }

  @Test
  void aRemovedAppIsSaidSo() {
    probe.steps.add(new Script.Step(false, new DeploymentWatch.AppProgress("/web", -1, 0, 0, 0),
        new DeploymentWatch.Verdict(true, null)));
    assertEquals(ExitCodes.OK, watch.watch("d5", List.of("/web"), Duration.ofMinutes(1)));
    assertEquals("deployment d5: /web: removed\ndeployment d5 finished\n", text.toString());
  }
}
