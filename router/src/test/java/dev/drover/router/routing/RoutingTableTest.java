package dev.drover.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Virtual-host routing: host (any case, any port), longest path prefix wins. */
class RoutingTableTest {
  final RoutingState state = new RoutingState();

  RoutingTable table() {
    state.resync(new AppsSnapshot(List.of(
        AppRoute.of("/site", List.of(0), Map.of("DROVER_ROUTER_0_VHOST", "Example.com, www.example.com"), false),
        AppRoute.of("/api", List.of(0), Map.of("DROVER_ROUTER_0_VHOST", "example.com",
            "DROVER_ROUTER_0_PATH", "/api"), false),
        AppRoute.of("/api2", List.of(0, 0), Map.of("DROVER_ROUTER_1_VHOST", "example.com",
            "DROVER_ROUTER_1_PATH", "api/v2"), false)),
        List.of(new Backend("s1", "/site", "h", List.of(1), true, null, false),
            new Backend("a1", "/api", "h", List.of(2), true, null, false),
            new Backend("b1", "/api2", "h", List.of(3, 4), true, null, false))));
    return state.table();
  }

  String app(RoutingTable t, String host, String path) {
    return t.match(host, path).map(r -> r.pool().appId()).orElse("none");
  }

  @Test
  void theLongestMatchingPrefixOfTheHostWins() {
    RoutingTable t = table();
    assertEquals("/site", app(t, "example.com", "/"));
    assertEquals("/site", app(t, "EXAMPLE.com:8080", "/index.html"));
    assertEquals("/site", app(t, "www.example.com", "/api"), "the /api route is example.com's only");
    assertEquals("/api", app(t, "example.com", "/api/users"));
    assertEquals("/api2", app(t, "example.com", "/api/v2/users"), "a label path without / gets one");
    assertEquals("none", app(t, "other.com", "/"));
    assertEquals("none", app(t, null, "/"));
    assertTrue(t.tcp().isEmpty(), "service port 0 opens no listener");
  }

  @Test
  void aRouteForwardsToThePortOfItsIndex() {
    RoutingTable t = table();
    assertEquals(4, t.match("example.com", "/api/v2").orElseThrow().pool().targets().get(0).port());
  }
}
