package dev.drover.router.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the proxies route by, at one moment: service port → pool (TCP) and virtual host + path prefix → pool (HTTP).
 * Immutable, so the proxies' event loops read it without locks while the follower publishes new ones.
 *
 * @param tcp pools by service port
 * @param http HTTP routes by lower-case host, longest path prefix first
 * @param conflicts human-readable problems (a service port or host + prefix claimed by two apps; the first app by id
 *     wins)
 */
public record RoutingTable(Map<Integer, Pool> tcp, Map<String, List<HttpRoute>> http, List<String> conflicts) {
  /** The table with no routes. */
  public static final RoutingTable EMPTY = new RoutingTable(Map.of(), Map.of(), List.of());

  public RoutingTable {
    tcp = Map.copyOf(tcp);
    http = Map.copyOf(http);
    conflicts = List.copyOf(conflicts);
  }

  /**
   * One HTTP route.
   *
   * @param host the lower-case host name
   * @param pathPrefix the path prefix
   * @param pool where it goes
   */
  public record HttpRoute(String host, String pathPrefix, Pool pool) {}

  /** Longest prefix first, then by prefix (a stable order). */
  static final Comparator<HttpRoute> ORDER = Comparator.<HttpRoute>comparingInt(r -> -r.pathPrefix().length())
      .thenComparing(HttpRoute::pathPrefix);

  /**
   * The route for a request with Host header {@code hostHeader} (a port, if any, is ignored; null matches nothing)
   * and path {@code path}: among the host's routes, the longest path prefix that the path starts with.
   */
  public Optional<HttpRoute> match(String hostHeader, String path) {
    if (hostHeader == null) {
      return Optional.empty();
    }
    List<HttpRoute> routes = http.get(hostOnly(hostHeader));
    if (routes == null) {
      return Optional.empty();
    }
    String p = path == null || path.isEmpty() ? "/" : path;
    for (HttpRoute r : routes) {
      if (p.startsWith(r.pathPrefix())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Every HTTP route, sorted by host then longest prefix (for the status page). */
  public List<HttpRoute> httpRoutes() {
    List<HttpRoute> all = new ArrayList<>();
    http.keySet().stream().sorted().forEach(h -> all.addAll(http.get(h)));
    return all;
  }

  static String hostOnly(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(0, end + 1) : h;
    }
    int colon = h.indexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }
}
