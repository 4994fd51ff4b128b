package dev.drover.apps.engine.core;

import dev.drover.apps.engine.RunSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * What the engine converges one app to. Immutable.
 *
 * @param spec the target spec
 * @param configVersion instances launched with another config version are old (replaced by a restart)
 * @param phase whether the app runs, waits for its deployment step, or is being removed
 */
record AppState(RunSpec spec, Instant configVersion, Phase phase) {
  enum Phase {
    /** Created by a deployment whose step has not started: runs no instance yet. */
    WAITING,
    /** Runs {@code spec}. */
    RUNNING,
    /** Being removed: its instances are killed, then it is forgotten. */
    REMOVING
  }

  AppState {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(configVersion, "configVersion");
    Objects.requireNonNull(phase, "phase");
  }
}
