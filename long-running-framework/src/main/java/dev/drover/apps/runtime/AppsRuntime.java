package dev.drover.apps.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the REST API needs from the engine that keeps apps alive: start deployments, and read tasks, deployments,
 * the launch queue, failures and events. The API owns app definitions (it persists them first); the runtime owns
 * everything observed.
 *
 * <p>Implementations are thread-safe; reads return snapshots. {@link #deploy} is called only after the new
 * definitions are persisted, from the API's serial writer.
 */
public interface AppsRuntime {
  /**
   * Starts one deployment applying {@code changes}, in the given order (dependencies first).
   *
   * @param version the version the deployment is known by (the new app version)
   * @param force cancel deployments in flight that touch the same apps instead of failing
   * @throws ConflictException when not forced and a deployment in flight touches one of the apps
   */
  DeploymentView deploy(List<AppChange> changes, String version, boolean force);

  /** Deployments in flight. */
  List<DeploymentView> deployments();

  /**
   * Stops a deployment in flight: with {@code force} it is abandoned where it stands; otherwise the caller then
   * deploys the reverse changes. Returns the changes it was applying, or empty when there is no such deployment.
   */
  Optional<List<AppChange>> cancel(String deploymentId);

  /** Every known instance of every app. */
  List<TaskView> tasks();

  /** Kills these tasks of {@code appId} (replaced unless the caller also scaled the app down); wipe forgets them. */
  List<TaskView> kill(String appId, Collection<String> taskIds, boolean wipe);

  /** The app's last failed task, if any. */
  Optional<TaskFailure> lastTaskFailure(String appId);

  /** Apps waiting for offers, with why offers did not fit. */
  List<QueueView> queue();

  /** Resets the app's launch backoff; false when the app is not waiting. */
  boolean resetDelay(String appId);

  /** Delivers every later event to {@code listener}; run the returned handle to unsubscribe. */
  Runnable subscribe(Consumer<AppEvent> listener);
}
