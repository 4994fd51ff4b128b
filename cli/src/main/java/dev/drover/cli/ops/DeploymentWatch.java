package dev.drover.cli.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Follows one deployment of the apps framework until it ends, printing a progress line whenever the instances of
 * the apps it touches change: finished ({@link ExitCodes#OK}), failed or rolled back
 * ({@link ExitCodes#DEPLOYMENT_FAILED}), or still running after the timeout ({@link ExitCodes#TIMEOUT}). The verdict
 * comes from the framework's {@code deployment_success} / {@code deployment_failed} events; a deployment that leaves
 * {@code /v2/deployments} with no event seen for {@link #GRACE_POLLS} polls counts as finished. Time and sleeping are
 * injected so tests drive it by hand. Not thread-safe: one watch per thread.
 */
public final class DeploymentWatch {
  static final int GRACE_POLLS = 6;
  static final Duration POLL = Duration.ofMillis(500);

  /** What the watch asks the cluster; {@link AppsProbe} over HTTP, fakes in tests. */
  public interface Probe {
    /** Whether {@code deploymentId} is still listed in {@code /v2/deployments}. */
    boolean inFlight(String deploymentId);

    /** The instances of these apps now. */
    List<AppProgress> progress(List<String> appIds);

    /** The deployment's end as the events told it, if they did. */
    Optional<Verdict> verdict(String deploymentId);
  }

  /** One app's instances: wanted, staged, running, healthy ({@code -1} when the app is gone). */
  public record AppProgress(String id, int instances, int staged, int running, int healthy) {
    String line() {
      return instances < 0 ? id + ": removed"
          : id + ": " + running + "/" + instances + " running, " + healthy + " healthy, " + staged + " staged";
    }
  }

  /** How a deployment ended: {@code succeeded}, or failed with the framework's reason. */
  public record Verdict(boolean succeeded, String reason) {}

  /** Sleeps; the real one is {@link Thread#sleep}. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Probe probe;
  private final LongSupplier nanos;
  private final Sleeper sleeper;
  private final PrintWriter out;

  public DeploymentWatch(Probe probe, LongSupplier nanos, Sleeper sleeper, PrintWriter out) {
    this.probe = probe;
    this.nanos = nanos;
    this.sleeper = sleeper;
    this.out = out;
  }

  /** Watches {@code deploymentId}, which changes {@code appIds}, for at most {@code timeout}; answers an exit code. */
  public int watch(String deploymentId, List<String> appIds, Duration timeout) {
    long start = nanos.getAsLong();
    String last = "";
    List<AppProgress> now = List.of();
    int gonePolls = 0;
    try {
      while (true) {
        Optional<Verdict> v = probe.verdict(deploymentId);
        boolean inFlight = v.isEmpty() && probe.inFlight(deploymentId);
        now = probe.progress(appIds);
        String progress = String.join("; ", now.stream().map(AppProgress::line).toList());
        if (!progress.equals(last)) {
          say("deployment " + deploymentId + ": " + progress);
          last = progress;
        }
        if (v.isPresent()) {
          return end(deploymentId, v.get(), now);
        }
        gonePolls = inFlight ? 0 : gonePolls + 1;
        if (gonePolls >= GRACE_POLLS) {
          return end(deploymentId, new Verdict(true, null), now);
        }
        Duration elapsed = Duration.ofNanos(nanos.getAsLong() - start);
        if (elapsed.compareTo(timeout) >= 0) {
          say("deployment " + deploymentId + " still running after " + human(timeout) + " (--timeout); it goes on "
              + "in the cluster: drover deployments rollback " + deploymentId + " to undo it");
          return ExitCodes.TIMEOUT;
        }
        sleeper.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted while waiting for deployment " + deploymentId);
    }
  }

  private int end(String deploymentId, Verdict v, List<AppProgress> apps) {
    if (v.succeeded()) {
      say("deployment " + deploymentId + " finished");
      for (AppProgress a : apps) {
        if (a.running() < a.instances()) {
          say("note: " + a.id() + " has " + a.running() + " of " + a.instances() + " instances running now (its "
              + "tasks may be failing: drover apps show " + a.id() + ")");
        }
      }
      return ExitCodes.OK;
    }
    say("deployment " + deploymentId + " failed" + (v.reason() == null ? "" : ": " + v.reason()));
    return ExitCodes.DEPLOYMENT_FAILED;
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
