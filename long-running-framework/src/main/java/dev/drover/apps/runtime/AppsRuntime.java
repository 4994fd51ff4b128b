package dev.drover.apps.runtime;

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

  /** Blocks until the runtime has loaded what a previous leader persisted (call once after starting it). */
  void awaitLoaded();

  /** The ids of the apps the runtime runs now. */
  java.util.Set<String> appIds();

  /** How many instances the runtime keeps of {@code appId} now, if it runs it. */
  Optional<Integer> instances(String appId);

  /** Whether the runtime runs {@code app} with this configuration (everything but instances and version). */
  boolean sameConfig(dev.drover.apps.model.AppDefinition app);

  /** Deployments in flight. */
  List<DeploymentView> deployments();

  /**
   * Stops a deployment in flight: with {@code force} it is abandoned where it stands; otherwise a new deployment
   * returns each app it touched to its previous definition (apps it created are removed). Returns the id of the
   * rollback deployment (or of the abandoned one), or empty when there is no such deployment.
   */
  Optional<String> rollback(String deploymentId, boolean force);

  /** Every known instance of every app. */
  List<TaskView> tasks();

  /**
   * Kills tasks of {@code appId}: the given ones, or (when {@code taskIds} is empty) all of the app's, or those on
   * {@code host}. Without {@code scale} they are replaced; with it the app shrinks by the number killed, in a
   * deployment. {@code wipe} forgets the instances at once.
   */
  KillOutcome kill(String appId, List<String> taskIds, String host, boolean scale, boolean wipe);

  /** What a kill did: the tasks killed and, with scale, each app's new instance count and the deployment. */
  record KillOutcome(List<TaskView> killed, java.util.Map<String, Integer> scaledTo, String deploymentId) {
    public KillOutcome {
      killed = List.copyOf(killed);
      scaledTo = java.util.Map.copyOf(scaledTo);
    }
  }

  /** The app's last failed task, if any. */
  Optional<TaskFailure> lastTaskFailure(String appId);

  /** Apps waiting for offers, with why offers did not fit. */
  List<QueueView> queue();

  /** Resets the app's launch backoff; false when the app is not waiting. */
  boolean resetDelay(String appId);

  /** Delivers every later event to {@code listener}; run the returned handle to unsubscribe. */
  Runnable subscribe(Consumer<AppEvent> listener);
}
