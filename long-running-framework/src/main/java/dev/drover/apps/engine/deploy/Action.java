package dev.drover.apps.engine.deploy;

import java.util.Objects;

/**
 * One app's part of a deployment step. Immutable.
 *
 * @param kind what happens to the app
 * @param appId the app
 */
public record Action(Kind kind, String appId) {
  /** Marathon's action names. */
  public enum Kind {
    StartApplication, ScaleApplication, RestartApplication, StopApplication
  }

  public Action {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(appId, "appId");
  }
}
