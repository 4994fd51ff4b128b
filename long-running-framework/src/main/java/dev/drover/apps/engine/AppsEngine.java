package dev.drover.apps.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The apps framework's scheduling engine, as the REST layer sees it: it keeps every app's instances alive, places
 * them on offers, and carries out deployments. One engine runs in the leading apps process; it resumes the state a
 * previous leader persisted.
 *
 * <p><b>Threading.</b> Thread-safe. One serial loop owns all state; every method may be called from any thread.
 * Writes ({@link #deploy}, {@link #rollback}, {@link #kill}, {@link #resetDelay}) enqueue a command and return a future
 * that completes on the loop once the change is persisted (StateStore first, then memory), or fails with an
 * {@link EngineException} subtype for a refused request. Reads return an immutable snapshot the loop published after
 * its last command; they never block and never see half a change. A read right after a write's future completed
 * sees that write.
 *
 * <p><b>Ids.</b> App ids are absolute paths ({@code /prod/web}). Task ids are {@code <app id without its leading
 * slash, with '/' replaced by '_'>.instance-<uuid>}.
 */
public interface AppsEngine extends AutoCloseable {

  /**
   * Starts one deployment carrying all {@code request}'s changes (see {@link DeploymentRequest} for the steps).
   * Fails with {@link DeploymentConflictException} when a deployment in flight changes one of the apps and the
   * request is not forced; with {@link UnknownAppException} when a {@link AppChange.Remove} or
   * {@link AppChange.Restart} names an app the engine does not run. An app is "run" by the engine from the moment a
   * deployment that creates it is accepted.
   */
  CompletableFuture<DeploymentRef> deploy(DeploymentRequest request);

  /** The deployments in flight, oldest first. */
  List<DeploymentView> deployments();

  /**
   * Stops a deployment in flight. {@code force = false}: rolls back — a new deployment returns each affected app to
   * the spec it had before (apps the deployment created are removed); the future yields that deployment.
   * {@code force = true}: abandons it where it is (no rollback; each app keeps its current target and instances);
   * the future yields the abandoned deployment's ref. Fails with {@link UnknownDeploymentException}.
   */
  CompletableFuture<DeploymentRef> rollback(String deploymentId, boolean force);

  /** The apps the engine runs, with the spec each converges to now (mid-deployment: the step's target). */
  Map<String, RunSpec> apps();

  /** The spec {@code appId} converges to now, if the engine runs it. */
  default Optional<RunSpec> app(String appId) {
    return Optional.ofNullable(apps().get(appId));
  }

  /** The instances of one app (empty for an unknown app), oldest first. */
  List<InstanceView> instances(String appId);

  /** Every app's instances, by app id. */
  Map<String, List<InstanceView>> instances();

  /** Instance counts per app (every app the engine runs has an entry). */
  Map<String, AppCounts> counts();

  /** The last failed task per app (apps without a failure have no entry). */
  Map<String, TaskFailureView> lastTaskFailures();

  /** The apps with instances waiting to launch, with back-off and the reasons offers did not fit. */
  List<QueueEntry> queue();

  /** Resets an app's launch back-off so waiting instances launch on the next fitting offer; false if unknown. */
  CompletableFuture<Boolean> resetDelay(String appId);

  /**
   * Kills tasks. Unknown task ids are ignored (the result lists what was killed). Without {@code scale} the
   * reconciler replaces the killed instances as usual; with it the apps' instance counts drop and a deployment
   * records that. Fails with {@link UnknownAppException} for an unknown {@code appId}.
   */
  CompletableFuture<KillResult> kill(KillRequest request);

  /**
   * Adds a listener for events. It is called on the engine's loop, in order: it must not block or call back into
   * the engine synchronously (hand off to another thread). Returns a handle that removes it.
   */
  AutoCloseable subscribe(Consumer<EngineEvent> listener);

  /** Whether the engine is subscribed to a master right now (for /v2/info and health). */
  boolean isConnected();

  /** The framework id, once the master assigned one. */
  Optional<String> frameworkId();

  /**
   * Stops the engine: the driver stops with failover (tasks keep running), the loop ends, and writes still waiting
   * (or made afterwards) fail with {@link EngineException}. Idempotent.
   */
  @Override
  void close();
}
