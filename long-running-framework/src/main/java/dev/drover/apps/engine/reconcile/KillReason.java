package dev.drover.apps.engine.reconcile;

/** Why the reconciler kills an instance. */
public enum KillReason {
  /** More instances run than wanted. */
  SCALE_DOWN,
  /** The agent reported it unhealthy (past maxConsecutiveFailures after the grace period). */
  UNHEALTHY,
  /** An instance of an older config, replaced by a deployment. */
  UPGRADE,
  /** Unreachable for longer than the app's expungeAfterSeconds: forgotten, killed should it come back. */
  EXPUNGE,
  /** The app is being removed. */
  APP_REMOVED,
  /** Asked for through the API. */
  REQUESTED,
  /** A global app's instance on an agent that no longer matches, is draining or is gone: not replaced elsewhere. */
  AGENT_INELIGIBLE
}
