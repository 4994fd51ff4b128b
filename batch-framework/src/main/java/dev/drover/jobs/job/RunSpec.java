package dev.drover.jobs.job;

import java.util.List;
import java.util.Map;

/**
 * What one run of a job executes and with what. {@code constraints} are Metronome's placement constraints as
 * [attribute, operator, value?] lists; {@code activeDeadlineSeconds} and {@code restartDeadlineSeconds} are 0 when
 * unset; {@code artifactsIgnored} says the definition had artifacts, which Drover does not fetch.
 */
public record RunSpec(String cmd, List<String> args, String dockerImage, double cpus, double mem, double disk,
    Map<String, String> env, List<List<String>> constraints, long maxLaunchDelaySeconds, RestartPolicy restartPolicy,
    long restartDeadlineSeconds, long activeDeadlineSeconds, String user, boolean artifactsIgnored) {

  /** Metronome's restart policies. */
  public enum RestartPolicy { NEVER, ON_FAILURE }
}
