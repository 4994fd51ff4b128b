package dev.drover.apps.engine;

import java.util.List;
import java.util.Optional;

/**
 * Which tasks to kill ({@code DELETE /v2/apps/{id}/tasks}, {@code /v2/tasks/delete}). Immutable.
 *
 * @param appId restrict to this app; empty = any app (task ids must then be given)
 * @param taskIds the tasks to kill; empty with a {@code host} = all of the app's tasks on that host
 * @param host kill the app's tasks on this agent hostname; empty = no host filter
 * @param scale also lower each affected app's {@code instances} by the number killed (a new version, deployed)
 * @param wipe forget the instances at once instead of waiting for their terminal status
 */
public record KillRequest(Optional<String> appId, List<String> taskIds, Optional<String> host, boolean scale,
    boolean wipe) {
  public KillRequest {
    appId = appId == null ? Optional.empty() : appId;
    taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    host = host == null ? Optional.empty() : host;
    if (taskIds.isEmpty() && appId.isEmpty()) {
      throw new IllegalArgumentException("name task ids, or an app (optionally with a host)");
    }
  }

  /** Kill these tasks, without scaling or wiping. */
  public static KillRequest tasks(List<String> taskIds) {
    return new KillRequest(Optional.empty(), taskIds, Optional.empty(), false, false);
  }
}
