package dev.drover.apps.engine.reconcile;

import java.util.List;

/**
 * What one reconciliation round decided for one app. Immutable.
 *
 * @param kills instances to kill, in order, with the reason
 * @param expunge instances to forget (they were unreachable too long); also killed
 * @param toLaunch how many new instances to launch (placed when offers come)
 * @param done whether the app reached its target: for a deployment step, the step's action is complete
 * @param ready ready instances of the target config
 * @param old instances of an older config still active
 */
public record Decision(List<Kill> kills, List<String> expunge, int toLaunch, boolean done, int ready, int old) {
  public Decision {
    kills = List.copyOf(kills);
    expunge = List.copyOf(expunge);
  }

  /** One kill. */
  public record Kill(String taskId, KillReason reason) {}
}
