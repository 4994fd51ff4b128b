package dev.drover.router.routing;

import java.util.List;
import java.util.Map;

/**
 * What the router needs of one app's definition: its service ports (TCP), its virtual hosts and path prefixes (HTTP),
 * how to balance and whether readiness needs a health check. Immutable.
 *
 * @param appId the app's id
 * @param servicePorts service ports by port index; 0 = none for that index (no TCP listener)
 * @param http HTTP routes of the app, each naming the port index it forwards to
 * @param balance how to pick a backend
 * @param healthChecked whether the app has health checks (then only healthy instances are ready)
 */
public record AppRoute(String appId, List<Integer> servicePorts, List<VirtualHost> http, Balance balance,
    boolean healthChecked) {

  /** Label prefix: {@code DROVER_ROUTER_<portIndex>_VHOST} and {@code DROVER_ROUTER_<portIndex>_PATH}. */
  public static final String LABEL_PREFIX = "DROVER_ROUTER_";
  /** Label choosing the balance ({@code roundrobin} or {@code leastconn}). */
  public static final String BALANCE_LABEL = "DROVER_ROUTER_BALANCE";

  public AppRoute {
    servicePorts = List.copyOf(servicePorts);
    http = List.copyOf(http);
  }

  /**
   * One HTTP route: requests whose Host is one of {@code hosts} (case-insensitive, any port) and whose path starts
   * with {@code pathPrefix} go to the backend's port {@code portIndex}.
   *
   * @param hosts host names, lower case
   * @param pathPrefix a path prefix starting with {@code /} ({@code /} matches every path)
   * @param portIndex index into the instance's ports
   */
  public record VirtualHost(List<String> hosts, String pathPrefix, int portIndex) {
    public VirtualHost {
      hosts = List.copyOf(hosts);
    }
  }

  /** The route of app {@code appId} with these service ports, labels and health checks. */
  public static AppRoute of(String appId, List<Integer> servicePorts, Map<String, String> labels,
      boolean healthChecked) {
    int ports = Math.max(servicePorts.size(), 1);
    List<VirtualHost> http = new java.util.ArrayList<>();
    for (int k = 0; k < ports; k++) {
      String vhost = labels.get(LABEL_PREFIX + k + "_VHOST");
      if (vhost == null || vhost.isBlank()) {
        continue;
      }
      List<String> hosts = java.util.Arrays.stream(vhost.split(","))
          .map(h -> h.trim().toLowerCase(java.util.Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
      String path = labels.getOrDefault(LABEL_PREFIX + k + "_PATH", "/").trim();
      if (!path.startsWith("/")) {
        path = "/" + path;
      }
      if (!hosts.isEmpty()) {
        http.add(new VirtualHost(hosts, path, k));
      }
    }
    return new AppRoute(appId, servicePorts, http, Balance.parse(labels.get(BALANCE_LABEL)), healthChecked);
  }
}
