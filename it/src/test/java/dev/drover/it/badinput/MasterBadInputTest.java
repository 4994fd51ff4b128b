package dev.drover.it.badinput;

import static dev.drover.it.badinput.Field.of;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/** Generated bad requests against the master's operator API: roles, maintenance and the tasks query. */
class MasterBadInputTest {
  static final String ROLE = "{\"weight\": 2, \"quota\": {\"cpus\": 4, \"mem\": 1024, \"disk\": 0, \"gpus\": 0}}";
  static final List<Field> ROLE_FIELDS = List.of(of("/weight", Kind.POS_NUM), of("/quota", Kind.OBJ),
      of("/quota/cpus", Kind.NONNEG_NUM), of("/quota/mem", Kind.NONNEG_NUM), of("/quota/disk", Kind.NONNEG_NUM),
      of("/quota/gpus", Kind.NONNEG_NUM));
  static final Set<String> VOLATILE = Set.of("allocated", "share", "frameworks", "liveTasks");

  private final BadEnv env = BadEnv.get();

  static String state(BadEnv env) {
    return Refusal.stable(env.master() + "/api/v1/roles", VOLATILE)
        + Refusal.stable(env.master() + "/api/v1/maintenance", VOLATILE);
  }

  private String agentId() {
    return env.cluster.agents().get(0).agentId().orElseThrow();
  }

  private void refused(String endpoint, String method, String path, Mutation m) {
    Refusal.check(endpoint, Http.Req.json(method, env.master() + path, m.body()), () -> state(env), m.fields());
  }

  @Provide
  Arbitrary<Mutation> role() {
    return Mutation.of(ROLE, ROLE_FIELDS, List.of());
  }

  @Provide
  Arbitrary<String> roleName() {
    return Arbitraries.of("keep", "new-role", "%2e%2e", ".", "a%20b", "%E2%82%AC", "r".repeat(300), "*",
        "-x", "a%2Fb", "a%00b");
  }

  @Provide
  Arbitrary<Mutation> drain() {
    return Mutation.of("{\"agentId\": \"" + agentId() + "\", \"gracePeriodSeconds\": 60, \"kill\": false}",
        List.of(of("/agentId", Kind.AGENT_ID), of("/gracePeriodSeconds", Kind.NONNEG_NUM), of("/kill", Kind.BOOL)),
        List.of(of("/agentId", Kind.AGENT_ID)));
  }

  @Provide
  Arbitrary<Mutation> undrain() {
    return Mutation.of("{\"agentId\": \"" + agentId() + "\"}", List.of(of("/agentId", Kind.AGENT_ID)),
        List.of(of("/agentId", Kind.AGENT_ID))).injectDuplicates(0.2);
  }

  @Property(tries = 800, shrinking = ShrinkingMode.OFF)
  void putRole(@ForAll("roleName") String name, @ForAll("role") Mutation m) {
    List<String> fields = new ArrayList<>(m.fields());
    fields.add("role");
    Refusal.check("PUT /api/v1/roles/{role}", Http.Req.json("PUT", env.master() + "/api/v1/roles/" + name, m.body()),
        () -> state(env), fields);
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void drainAgent(@ForAll("drain") Mutation m) {
    refused("POST /api/v1/maintenance/drain", "POST", "/api/v1/maintenance/drain", m);
  }

  /** The agent is not draining, so even its own id is refused. */
  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void undrainAgent(@ForAll("undrain") Mutation m) {
    refused("POST /api/v1/maintenance/undrain", "POST", "/api/v1/maintenance/undrain", m);
  }

  @Provide
  Arbitrary<List<String[]>> taskQuery() {
    Arbitrary<String[]> bad = Arbitraries.oneOf(
        Arbitraries.of("0", "-1", "10001", "abc", "1e3", "99999999999999999999", "1.5", "0x10")
            .map(v -> new String[] {"limit", v}),
        Arbitraries.of("-1", "abc", "1e400", "99999999999999999999", "-0.5", "%2B%2B")
            .map(v -> new String[] {"offset", v}),
        Arbitraries.of("BOGUS", "TASK_", "%E2%82%AC", "TASK_RUNNING,TASK_FAILED")
            .map(v -> new String[] {"state", v}));
    Arbitrary<String[]> fine = Arbitraries.of(new String[] {"limit", "5"}, new String[] {"offset", "1"},
        new String[] {"framework", "x"}, new String[] {"agent", "y"}, new String[] {"zz", "1"},
        new String[] {"state", "RUNNING"});
    return Combinators.combine(bad.list().ofMinSize(1).ofMaxSize(3).uniqueElements(p -> p[0]), fine.list().ofMaxSize(2)).as((b, f) -> {
      List<String[]> all = new ArrayList<>();
      f.stream().filter(p -> b.stream().noneMatch(x -> x[0].equals(p[0]))).forEach(all::add);
      all.addAll(b);
      return all;
    });
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void queryTasks(@ForAll("taskQuery") List<String[]> params) {
    StringBuilder q = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (String[] p : params) {
      q.append(q.length() == 0 ? "?" : "&").append(p[0]).append('=').append(p[1]);
    }
    params.stream().filter(p -> !Set.of("framework", "agent", "zz").contains(p[0])).forEach(p -> names.add(p[0]));
    Refusal.check("GET /api/v1/tasks", Http.Req.get(env.master() + "/api/v1/tasks" + q), () -> state(env), names);
  }
}
