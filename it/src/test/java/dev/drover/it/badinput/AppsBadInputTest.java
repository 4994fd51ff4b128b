package dev.drover.it.badinput;

import static dev.drover.it.badinput.Field.of;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/** Generated invalid app and group definitions against every apps route that takes one (Marathon's v2 API). */
class AppsBadInputTest {
  static final String APP = "{\"id\": \"/gen/app\", \"cmd\": \"sleep 1\", \"instances\": 0, \"cpus\": 0.1, "
      + "\"mem\": 32, \"disk\": 0, \"gpus\": 0, \"env\": {\"A\": \"b\"}, \"labels\": {\"l\": \"v\"}, "
      + "\"constraints\": [], \"upgradeStrategy\": {\"minimumHealthCapacity\": 1, \"maximumOverCapacity\": 1}, "
      + "\"backoffSeconds\": 1, \"backoffFactor\": 1.15, \"maxLaunchDelaySeconds\": 300, "
      + "\"killSelection\": \"YOUNGEST_FIRST\", \"portDefinitions\": [{\"port\": 0, \"protocol\": \"tcp\"}], "
      + "\"taskKillGracePeriodSeconds\": 5, \"dependencies\": [], \"healthChecks\": [{\"protocol\": \"TCP\", "
      + "\"portIndex\": 0, \"gracePeriodSeconds\": 300, \"intervalSeconds\": 60, \"timeoutSeconds\": 20, "
      + "\"maxConsecutiveFailures\": 3}], \"unreachableStrategy\": {\"inactiveAfterSeconds\": 0, "
      + "\"expungeAfterSeconds\": 0}}";
  static final List<Field> FIELDS = List.of(of("/id", Kind.ID), of("/cmd", Kind.STR),
      of("/instances", Kind.NONNEG_INT), of("/cpus", Kind.NONNEG_NUM), of("/mem", Kind.NONNEG_NUM),
      of("/disk", Kind.NONNEG_NUM), of("/gpus", Kind.GPUS), of("/env", Kind.STR_MAP), of("/labels", Kind.STR_MAP),
      of("/constraints", Kind.APP_CONSTRAINTS), of("/upgradeStrategy/minimumHealthCapacity", Kind.UNIT),
      of("/upgradeStrategy/maximumOverCapacity", Kind.UNIT), of("/upgradeStrategy", Kind.OBJ),
      of("/backoffSeconds", Kind.NONNEG_NUM), of("/backoffFactor", Kind.AT_LEAST_ONE),
      of("/maxLaunchDelaySeconds", Kind.NONNEG_INT), of("/killSelection", Kind.ENUM),
      of("/portDefinitions/0/port", Kind.PORT), of("/portDefinitions/0/protocol", Kind.ENUM),
      of("/portDefinitions", Kind.OBJ_ARR), of("/taskKillGracePeriodSeconds", Kind.NONNEG_INT),
      of("/dependencies", Kind.STR_ARR), of("/healthChecks/0/protocol", Kind.ENUM),
      of("/healthChecks/0/intervalSeconds", Kind.POS_INT), of("/healthChecks/0/timeoutSeconds", Kind.POS_INT),
      of("/healthChecks/0/gracePeriodSeconds", Kind.NONNEG_INT),
      of("/healthChecks/0/maxConsecutiveFailures", Kind.NONNEG_INT), of("/healthChecks", Kind.OBJ_ARR),
      of("/unreachableStrategy/inactiveAfterSeconds", Kind.NONNEG_INT), of("/container", Kind.CONTAINER));
  static final List<Field> REQUIRED = List.of(of("/cmd", Kind.STR));
  static final Set<String> VOLATILE = Set.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
      "deployments", "tasks", "lastTaskFailure");

  private final BadEnv env = BadEnv.get();

  static String state(BadEnv env) {
    return Refusal.stable(env.apps() + "/v2/groups?embed=group.apps", VOLATILE)
        + Refusal.stable(env.apps() + "/v2/apps", VOLATILE);
  }

  private void refused(String endpoint, String method, String path, Mutation m) {
    Refusal.check(endpoint, Http.Req.json(method, env.apps() + path, m.body()), () -> state(env), m.fields());
  }

  @Provide
  Arbitrary<Mutation> app() {
    return Mutation.of(APP, FIELDS, REQUIRED);
  }

  @Provide
  Arbitrary<Mutation> existing() {
    return Mutation.of(APP.replace("/gen/app", "/bad/keep"), FIELDS.subList(1, FIELDS.size()), List.of());
  }

  @Property(tries = 700, shrinking = ShrinkingMode.OFF)
  void postApps(@ForAll("app") Mutation m) {
    refused("POST /v2/apps", "POST", "/v2/apps", m);
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void putExistingApp(@ForAll("existing") Mutation m) {
    refused("PUT /v2/apps/{id}", "PUT", "/v2/apps/bad/keep?partialUpdate=false", m);
  }

  @Property(tries = 400, shrinking = ShrinkingMode.OFF)
  void patchExistingApp(@ForAll("existing") Mutation m) {
    refused("PATCH /v2/apps/{id}", "PATCH", "/v2/apps/bad/keep", m);
  }

  @Property(tries = 400, shrinking = ShrinkingMode.OFF)
  void putAppsArray(@ForAll("existing") Mutation m) {
    String good = "{\"id\": \"/grp/one\", \"instances\": 0}";
    refused("PUT /v2/apps", "PUT", "/v2/apps", m.wrapped("[" + good + ", %s]"));
  }

  @Property(tries = 400, shrinking = ShrinkingMode.OFF)
  void postGroup(@ForAll("app") Mutation m) {
    refused("POST /v2/groups", "POST", "/v2/groups",
        m.wrapped("{\"id\": \"/gen-group\", \"apps\": [%s], \"groups\": [{\"id\": \"sub\"}]}"));
  }

  @Property(tries = 400, shrinking = ShrinkingMode.OFF)
  void putGroup(@ForAll("app") Mutation m) {
    refused("PUT /v2/groups/{id}", "PUT", "/v2/groups/grp", m.wrapped("{\"apps\": [%s]}"));
  }
}
