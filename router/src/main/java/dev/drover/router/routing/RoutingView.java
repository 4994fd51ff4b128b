package dev.drover.router.routing;

import java.util.Map;

/**
 * What the router knows at one moment: the table the proxies route by, and the apps and instances it was built from
 * (for the status page). Immutable; safe to read from any thread.
 *
 * @param table the routing table
 * @param apps app routes by id
 * @param backends every known instance by task id
 */
public record RoutingView(RoutingTable table, Map<String, AppRoute> apps, Map<String, Backend> backends) {
  /** Nothing known yet. */
  public static final RoutingView EMPTY = new RoutingView(RoutingTable.EMPTY, Map.of(), Map.of());

  public RoutingView {
    apps = Map.copyOf(apps);
    backends = Map.copyOf(backends);
  }
}
