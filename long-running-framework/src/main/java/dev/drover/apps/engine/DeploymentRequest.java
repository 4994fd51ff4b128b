package dev.drover.apps.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A set of app changes carried out as one deployment. Immutable.
 *
 * <p>Steps: removals come first (one step), then the other changes in dependency order — an app is started, scaled
 * or restarted in a step after every app it depends on ({@link RunSpec#dependencies}) that this request also
 * changes; apps whose dependencies are all satisfied share a step, in the order given.
 *
 * @param changes what to change; at most one change per app
 * @param version the version of this deployment (Marathon's group/app version); the caller picks it
 * @param force when another deployment in flight touches one of these apps, cancel it (it is abandoned where it is)
 *     instead of failing with {@link DeploymentConflictException}
 */
public record DeploymentRequest(List<AppChange> changes, Instant version, boolean force) {
  public DeploymentRequest {
    changes = List.copyOf(changes);
    Objects.requireNonNull(version, "version");
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a deployment needs at least one change");
    }
    if (changes.stream().map(AppChange::appId).distinct().count() != changes.size()) {
      throw new IllegalArgumentException("at most one change per app in one deployment");
    }
  }

  /** One change, not forced. */
  public static DeploymentRequest of(AppChange change, Instant version) {
    return new DeploymentRequest(List.of(change), version, false);
  }
}
