package dev.drover.apps.engine;

import java.util.Objects;

/** One change to one app inside a {@link DeploymentRequest}. Immutable. */
public sealed interface AppChange {

  /** The app changed. */
  String appId();

  /**
   * Create the app, or move it to {@code spec}: a scale when only {@code instances} changed
   * ({@link RunSpec#sameConfig}), otherwise a rolling replacement of its instances.
   */
  record Put(RunSpec spec) implements AppChange {
    public Put {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String appId() {
      return spec.appId();
    }
  }

  /** Replace every instance of the app with ones of {@code spec} (Marathon's restart), even if its config is unchanged. */
  record Restart(RunSpec spec) implements AppChange {
    public Restart {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String appId() {
      return spec.appId();
    }
  }

  /** Stop the app: kill all its instances and forget it. */
  record Remove(String appId) implements AppChange {
    public Remove {
      Objects.requireNonNull(appId, "appId");
    }
  }
}
