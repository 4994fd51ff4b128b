package dev.drover.it.badinput;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Every route that takes a body, of the apps, jobs and master APIs, gets every {@link Raw} body (broken JSON and
 * UTF-8, 10,000 and 50,000 levels of nesting, other formats, one just over the body limit); every route gets
 * unknown methods, and odd paths and query parameters. All combinations, exhaustively.
 */
class RawBadInputTest {
  private final BadEnv env = BadEnv.get();

  /** A route: which service, method and path, and whether its body is a JSON array. */
  record Route(String service, String method, String path, boolean array, int bodyLimit) {
    String url(BadEnv env) {
      return base(env, service) + path;
    }

    @Override
    public String toString() {
      return method + " " + service + path;
    }
  }

  static String base(BadEnv env, String service) {
    return switch (service) {
      case "apps" -> env.apps();
      case "jobs" -> env.jobs();
      default -> env.master();
    };
  }

  static final int MIB = 1 << 20;
  static final List<Route> BODY_ROUTES = List.of(
      new Route("apps", "POST", "/v2/apps", false, 8 * MIB), new Route("apps", "PUT", "/v2/apps/bad/keep", false, 8 * MIB),
      new Route("apps", "PATCH", "/v2/apps/bad/keep", false, 8 * MIB), new Route("apps", "PUT", "/v2/apps", true, 8 * MIB),
      new Route("apps", "PATCH", "/v2/apps", true, 8 * MIB), new Route("apps", "POST", "/v2/groups", false, 8 * MIB),
      new Route("apps", "PUT", "/v2/groups/grp", false, 8 * MIB),
      new Route("apps", "POST", "/v2/tasks/delete", false, 8 * MIB),
      new Route("jobs", "POST", "/v1/jobs", false, MIB), new Route("jobs", "PUT", "/v1/jobs/keep", false, MIB),
      new Route("jobs", "POST", "/v1/jobs/keep/schedules", false, MIB),
      new Route("jobs", "PUT", "/v1/jobs/keep/schedules/yearly", false, MIB),
      new Route("master", "PUT", "/api/v1/roles/keep", false, MIB),
      new Route("master", "POST", "/api/v1/maintenance/drain", false, MIB),
      new Route("master", "POST", "/api/v1/maintenance/undrain", false, MIB));

  static String state(BadEnv env) {
    return AppsBadInputTest.state(env) + JobsBadInputTest.state(env) + MasterBadInputTest.state(env);
  }

  @Provide
  Arbitrary<Object[]> routeAndBody() {
    List<Object[]> all = new ArrayList<>();
    for (Route r : BODY_ROUTES) {
      Raw.bodies(r.array()).forEach(b -> all.add(new Object[] {r, b}));
    }
    return Arbitraries.of(all);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 100_000, shrinking = ShrinkingMode.OFF)
  void brokenBodies(@ForAll("routeAndBody") Object[] routeAndBody) {
    Route r = (Route) routeAndBody[0];
    Raw.Body b = (Raw.Body) routeAndBody[1];
    Refusal.check(r.method() + " " + r.path() + " (raw bodies)",
        new Http.Req(r.method(), r.url(env), b.contentType(), b.bytes()), () -> state(env), List.of());
  }

  @Provide
  Arbitrary<Route> bodyRoute() {
    return Arbitraries.of(BODY_ROUTES);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 100, shrinking = ShrinkingMode.OFF)
  void bodiesOverTheLimit(@ForAll("bodyRoute") Route r) {
    Raw.Body b = Raw.huge(r.bodyLimit());
    Http.Res res = Refusal.check("any body route (over the limit)", new Http.Req(r.method(), r.url(env),
        b.contentType(), b.bytes()), () -> state(env), List.of());
    org.junit.jupiter.api.Assertions.assertEquals(413, res.status(), r + ": " + res.body());
  }

  static final List<Route> ALL_PATHS = List.of(new Route("apps", "", "/v2/apps", false, 0),
      new Route("apps", "", "/v2/apps/bad/keep", false, 0), new Route("apps", "", "/v2/apps/bad/keep/tasks", false, 0),
      new Route("apps", "", "/v2/apps/bad/keep/versions", false, 0), new Route("apps", "", "/v2/groups", false, 0),
      new Route("apps", "", "/v2/groups/grp", false, 0), new Route("apps", "", "/v2/deployments", false, 0),
      new Route("apps", "", "/v2/tasks", false, 0), new Route("apps", "", "/v2/queue", false, 0),
      new Route("apps", "", "/v2/info", false, 0), new Route("apps", "", "/v2/leader", false, 0),
      new Route("jobs", "", "/v1/jobs", false, 0), new Route("jobs", "", "/v1/jobs/keep", false, 0),
      new Route("jobs", "", "/v1/jobs/keep/schedules", false, 0), new Route("jobs", "", "/v1/jobs/keep/runs", false, 0),
      new Route("jobs", "", "/v1/queue", false, 0), new Route("master", "", "/api/v1/state", false, 0),
      new Route("master", "", "/api/v1/roles", false, 0), new Route("master", "", "/api/v1/roles/keep", false, 0),
      new Route("master", "", "/api/v1/maintenance", false, 0), new Route("master", "", "/api/v1/tasks", false, 0),
      new Route("master", "", "/api/v1/agents", false, 0));

  @Provide
  Arbitrary<Object[]> pathAndMethod() {
    List<Object[]> all = new ArrayList<>();
    for (Route r : ALL_PATHS) {
      for (String m : List.of("BREW", "PROPFIND", "FOO-BAR", "MKCOL", "TRACE")) {
        all.add(new Object[] {r, m});
      }
    }
    return Arbitraries.of(all);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 100_000, shrinking = ShrinkingMode.OFF)
  void unknownMethods(@ForAll("pathAndMethod") Object[] pathAndMethod) {
    Route r = (Route) pathAndMethod[0];
    String method = (String) pathAndMethod[1];
    Refusal.check("any route (unknown methods)", new Http.Req(method, r.url(env), "application/json",
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), () -> state(env), List.of());
  }

  /** Requests that name nothing that exists, or are malformed in the URL itself. */
  static final List<String[]> ODD = List.of(
      new String[] {"apps", "GET", "/v2/apps/nope"}, new String[] {"apps", "GET", "/v2/apps/%zz"},
      new String[] {"apps", "GET", "/v2/apps/%ff%fe"}, new String[] {"apps", "DELETE", "/v2/apps/nope"},
      new String[] {"apps", "GET", "/v2/apps/bad/keep/tasks/nope"},
      new String[] {"apps", "DELETE", "/v2/apps/bad/keep/tasks/nope"},
      new String[] {"apps", "GET", "/v2/apps/bad/keep/versions/nope"},
      new String[] {"apps", "GET", "/v2/apps/bad/keep/versions/%00"},
      new String[] {"apps", "POST", "/v2/apps/nope/restart"}, new String[] {"apps", "GET", "/v2/groups/nope"},
      new String[] {"apps", "DELETE", "/v2/groups/nope"}, new String[] {"apps", "DELETE", "/v2/deployments/nope"},
      new String[] {"apps", "DELETE", "/v2/deployments/%00"}, new String[] {"apps", "DELETE", "/v2/queue/nope/delay"},
      new String[] {"apps", "GET", "/v2/apps/" + "a/".repeat(2000) + "b"},
      new String[] {"apps", "GET", "/v2/apps?id=%zz"},
      new String[] {"jobs", "GET", "/v1/jobs/nope"}, new String[] {"jobs", "GET", "/v1/jobs/%zz"},
      new String[] {"jobs", "PUT", "/v1/jobs/nope"}, new String[] {"jobs", "DELETE", "/v1/jobs/nope"},
      new String[] {"jobs", "GET", "/v1/jobs/keep/schedules/nope"},
      new String[] {"jobs", "DELETE", "/v1/jobs/keep/schedules/nope"},
      new String[] {"jobs", "PUT", "/v1/jobs/keep/schedules/nope"}, new String[] {"jobs", "POST", "/v1/jobs/nope/runs"},
      new String[] {"jobs", "GET", "/v1/jobs/keep/runs/nope"},
      new String[] {"jobs", "POST", "/v1/jobs/keep/runs/nope/actions/stop"},
      new String[] {"jobs", "GET", "/v1/jobs/%2e%2e"}, new String[] {"jobs", "GET", "/v1/jobs/keep/runs/%00"},
      new String[] {"master", "GET", "/api/v1/nope"}, new String[] {"master", "GET", "/api/v1/tasks/x/y/history/z"},
      new String[] {"master", "GET", "/api/v1/roles/%zz"}, new String[] {"master", "DELETE", "/api/v1/roles/keep"},
      new String[] {"master", "PUT", "/api/v1/roles/"}, new String[] {"master", "PUT", "/api/v1/roles/%20"},
      new String[] {"master", "GET", "/api/v1/tasks?limit=%zz"},
      new String[] {"master", "GET", "/agents/nope/sandbox/files/x/y/read"},
      new String[] {"master", "GET", "/agents/%2e%2e/sandbox/files/x/y/read"},
      new String[] {"master", "GET", "/frameworks/nope/v2/apps"});

  @Provide
  Arbitrary<String[]> odd() {
    return Arbitraries.of(ODD);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 1000, shrinking = ShrinkingMode.OFF)
  void unknownIdsAndMalformedUrls(@ForAll("odd") String[] odd) {
    byte[] body = odd[1].equals("PUT") || odd[1].equals("POST")
        ? "{\"id\": \"nope\", \"weight\": 1, \"cron\": \"0 0 1 1 *\", \"run\": {\"cmd\": \"true\", \"cpus\": 0.1, \"mem\": 32}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
    String what = odd[1] + " " + odd[0] + odd[2];
    if (odd[2].contains("%zz") || odd[2].contains("%ff")) {
      Refusal.check("unknown ids, malformed URLs", what, () -> Http.raw(base(env, odd[0]), odd[1], odd[2]),
          () -> state(env), List.of());
      return;
    }
    Refusal.check("unknown ids, malformed URLs", new Http.Req(odd[1], base(env, odd[0]) + odd[2],
        body == null ? null : "application/json", body), () -> state(env), List.of());
  }
}
