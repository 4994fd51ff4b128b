package dev.drover.apps.runtime;

import dev.drover.apps.model.AppDefinition;

/**
 * One app's part of a deployment: from {@code from} (null when the app is new) to {@code to} (null when it is being
 * removed); {@code restart} replaces every instance even when the definition did not change.
 */
public record AppChange(String appId, AppDefinition from, AppDefinition to, boolean restart) {
  /** The change reversing this one (for a rollback). */
  public AppChange reverse() {
    return new AppChange(appId, to, from, false);
  }
}
