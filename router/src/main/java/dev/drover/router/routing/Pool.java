package dev.drover.router.routing;

import java.util.List;

/**
 * The ready targets of one app for one port index. Immutable; empty when no instance is ready.
 *
 * @param appId the app
 * @param portIndex the port index the targets listen on
 * @param balance how to pick among them
 * @param targets ready targets, in a stable order (by task id)
 */
public record Pool(String appId, int portIndex, Balance balance, List<Target> targets) {
  public Pool {
    targets = List.copyOf(targets);
  }
}
