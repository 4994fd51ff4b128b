package dev.drover.apps.validation;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.model.Docker;
import dev.drover.apps.model.HealthCheckDefinition;
import dev.drover.apps.model.KillSelection;
import dev.drover.sdk.HealthCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AppValidatorTest {
  private final AppValidator validator = new AppValidator();

  private static JsonNode json(String s) throws Exception {
    return AppJson.MAPPER.readTree(s.replace('\'', '"'));
  }

  private Map<String, List<String>> errors(String body) throws Exception {
    InvalidException e = assertThrows(InvalidException.class, () -> validator.validate(json(body), "/", null));
    return e.details().stream().collect(Collectors.toMap(Violation::path, Violation::errors));
  }

  @Test
  void minimalAppGetsMarathonDefaults() throws Exception {
    AppDefinition a = validator.validate(json("{'id': 'web', 'cmd': 'sleep 100'}"), "/prod", null);
    assertEquals("/prod/web", a.id());
    assertEquals(1, a.instances());
    assertEquals(1.0, a.cpus());
    assertEquals(128.0, a.mem());
    assertEquals(0.0, a.disk());
    assertEquals(1.0, a.backoffSeconds());
    assertEquals(1.15, a.backoffFactor());
    assertEquals(300, a.maxLaunchDelaySeconds());
    assertEquals(KillSelection.YOUNGEST_FIRST, a.killSelection());
    assertEquals(1.0, a.upgradeStrategy().minimumHealthCapacity());
    assertEquals(1.0, a.upgradeStrategy().maximumOverCapacity());
    assertEquals(0L, a.unreachableStrategy().inactiveAfterSeconds());
    assertEquals(1, a.portDefinitions().size());
    assertEquals(0, a.portDefinitions().get(0).port());
    assertFalse(a.requirePorts());
  }

  @Test
  void everyErrorIsReportedAtOnceWithItsPath() throws Exception {
    Map<String, List<String>> e = errors("{'id': '/Bad_Id', 'cmd': 'x', 'instances': -1, 'cpus': 'a', 'mem': -5,"
        + " 'backoffFactor': 0.5, 'killSelection': 'RANDOM', 'upgradeStrategy': {'minimumHealthCapacity': 2},"
        + " 'unreachableStrategy': {'inactiveAfterSeconds': 10, 'expungeAfterSeconds': 5}, 'bogus': 1}");
    assertEquals(List.of("must be >= 0"), e.get("/instances"));
    assertEquals(List.of("must be a number"), e.get("/cpus"));
    assertEquals(List.of("must be >= 0"), e.get("/mem"));
    assertEquals(List.of("must be >= 1"), e.get("/backoffFactor"));
    assertTrue(e.get("/killSelection").get(0).contains("OLDEST_FIRST"));
    assertEquals(List.of("must be <= 1"), e.get("/upgradeStrategy/minimumHealthCapacity"));
    assertEquals(List.of("must be >= inactiveAfterSeconds"), e.get("/unreachableStrategy/expungeAfterSeconds"));
    assertEquals(List.of("unknown field"), e.get("/bogus"));
    assertTrue(e.get("/id").get(0).contains("regular expression"));
  }

  @Test
  void readOnlyFieldsMarathonReturnsAreIgnored() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/a', 'cmd': 'x', 'tasks': [], 'tasksRunning': 3,"
        + " 'tasksStaged': 0, 'tasksHealthy': 0, 'tasksUnhealthy': 0, 'deployments': [{'id': 'x'}],"
        + " 'lastTaskFailure': {}, 'version': '2020-01-01T00:00:00.000Z', 'versionInfo': {}}"), "/", null);
    assertNull(a.version());
  }

  @Test
  void needsACommandOrAnImage() throws Exception {
    assertTrue(errors("{'id': '/a'}").get("/").get(0).contains("cmd, args"));
    assertTrue(errors("{'id': '/a', 'cmd': 'x', 'args': ['y']}").get("/").get(0).contains("not both"));
  }

  @Test
  void legacyPortsBecomePortDefinitions() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/a', 'cmd': 'x', 'ports': [0, 8080]}"), "/", null);
    assertEquals(List.of(0, 8080), a.portDefinitions().stream().map(p -> p.port()).toList());
    assertTrue(errors("{'id': '/a', 'cmd': 'x', 'ports': [0], 'portDefinitions': []}").containsKey("/ports"));
  }

  @Test
  void dockerBridgeWithMappingsHasNoPortDefinitions() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/web', 'container': {'type': 'DOCKER', 'docker': {"
        + "'image': 'local/busybox', 'network': 'BRIDGE', 'portMappings': [{'containerPort': 80}],"
        + " 'parameters': [{'key': 'label', 'value': 'a=b'}]}}, 'cmd': 'httpd -f'}"), "/", null);
    assertEquals(Docker.Network.BRIDGE, a.container().docker().network());
    assertEquals(80, a.container().portMappings().get(0).containerPort());
    assertEquals(0, a.container().portMappings().get(0).hostPort());
    assertEquals("tcp", a.container().portMappings().get(0).protocol());
    assertEquals(List.of(), a.portDefinitions());
    assertEquals(1, a.portCount());
  }

  @Test
  void containerErrors() throws Exception {
    Map<String, List<String>> e = errors("{'id': '/a', 'cmd': 'x', 'container': {'type': 'LXC', 'docker': "
        + "{'image': '', 'network': 'OVERLAY', 'parameters': [{}]}, 'portMappings': [{'containerPort': 70000, 'protocol': 'sctp'}],"
        + " 'volumes': [{}]}}");
    assertTrue(e.containsKey("/container/type"));
    assertTrue(e.containsKey("/container/docker/image"));
    assertTrue(e.containsKey("/container/docker/network"));
    assertEquals(List.of("must be <= 65535"), e.get("/container/portMappings(0)/containerPort"));
    assertTrue(e.containsKey("/container/portMappings(0)/protocol"));
    assertTrue(e.containsKey("/container/volumes"));
    assertEquals(List.of("must be a string"), e.get("/container/docker/parameters(0)/key"));
  }

  @Test
  void healthChecksMapToTheSdk() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/a', 'cmd': 'x', 'healthChecks': ["
        + "{'protocol': 'MESOS_HTTPS', 'path': '/health'}, {'protocol': 'TCP'},"
        + "{'protocol': 'COMMAND', 'command': {'value': 'true'}, 'maxConsecutiveFailures': 5}]}"), "/", null);
    HealthCheckDefinition http = a.healthChecks().get(0);
    assertEquals(300, http.gracePeriodSeconds());
    assertEquals(60, http.intervalSeconds());
    assertEquals(20, http.timeoutSeconds());
    assertEquals(3, http.maxConsecutiveFailures());
    assertEquals(15, http.delaySeconds());
    assertEquals(0, http.portIndex());
    HealthCheck sdk = http.toSdk();
    assertEquals(HealthCheck.Protocol.HTTP, sdk.protocol());
    assertTrue(sdk.https());
    assertEquals("/health", sdk.path());
    assertEquals(HealthCheck.Protocol.TCP, a.healthChecks().get(1).toSdk().protocol());
    HealthCheck cmd = a.healthChecks().get(2).toSdk();
    assertEquals(HealthCheck.Protocol.COMMAND, cmd.protocol());
    assertEquals(5, cmd.maxConsecutiveFailures());
  }

  @Test
  void healthCheckErrors() throws Exception {
    Map<String, List<String>> e = errors("{'id': '/a', 'cmd': 'x', 'portDefinitions': [], 'healthChecks': ["
        + "{'protocol': 'HTTP'}, {'protocol': 'COMMAND'}, {'protocol': 'GRPC', 'intervalSeconds': 0}]}");
    assertTrue(e.get("/healthChecks(0)/portIndex").get(0).contains("number of ports"));
    assertTrue(e.containsKey("/healthChecks(1)/command"));
    assertTrue(e.containsKey("/healthChecks(2)/protocol"));
    assertEquals(List.of("must be >= 1"), e.get("/healthChecks(2)/intervalSeconds"));
  }

  @Test
  void constraintsAreParsedAndReportedPerConstraint() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/a', 'cmd': 'x', 'constraints': [['hostname', 'UNIQUE'],"
        + " ['rack', 'GROUP_BY', 3]]}"), "/", null);
    assertEquals(List.of("rack", "GROUP_BY", "3"), a.constraints().get(1));
    Map<String, List<String>> e = errors("{'id': '/a', 'cmd': 'x', 'constraints': [['hostname', 'UNIQUE'],"
        + " ['hostname', 'NEAR'], ['x'], ['rack', 'LIKE']]}");
    assertFalse(e.containsKey("/constraints(0)"));
    assertTrue(e.get("/constraints(1)").get(0).contains("NEAR"));
    assertTrue(e.containsKey("/constraints(2)"));
    assertTrue(e.containsKey("/constraints(3)"));
  }

  @Test
  void idsResolveAgainstTheGroupAndDependenciesToo() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '../db/pg', 'cmd': 'x', 'dependencies': ['cache']}"),
        "/prod/web", null);
    assertEquals("/prod/db/pg", a.id());
    assertEquals(List.of("/prod/db/cache"), a.dependencies());
    assertTrue(errors("{'id': '../../..', 'cmd': 'x'}").containsKey("/id"));
  }

  @Test
  void idInBodyMustMatchTheUrl() {
    InvalidException e = assertThrows(InvalidException.class,
        () -> validator.validate(json("{'id': '/b', 'cmd': 'x'}"), "/", "/a"));
    assertEquals("/id", e.details().get(0).path());
  }

  @Test
  void typeErrorsAndEnvSecrets() throws Exception {
    Map<String, List<String>> e = errors("{'id': '/a', 'cmd': 5, 'env': {'A': 1, 'S': {'secret': 'x'}},"
        + " 'labels': [], 'requirePorts': 'yes', 'args': null}");
    assertEquals(List.of("must be a string"), e.get("/cmd"));
    assertEquals(List.of("must be a string"), e.get("/env/A"));
    assertEquals(List.of("secrets are not supported"), e.get("/env/S"));
    assertEquals(List.of("must be an object"), e.get("/labels"));
    assertEquals(List.of("must be a boolean"), e.get("/requirePorts"));
  }

  @Test
  void notAnObjectIs422NotACrash() throws Exception {
    InvalidException e = assertThrows(InvalidException.class, () -> validator.validate(json("[1]"), "/", null));
    assertEquals("/", e.details().get(0).path());
  }

  @Test
  void emptyMarathonFieldsOfUnsupportedFeaturesAreAcceptedAndFilledOnesRefused() throws Exception {
    validator.validate(json("{'id': '/a', 'cmd': 'x', 'secrets': {}, 'readinessChecks': [], 'ipAddress': null,"
        + " 'residency': null, 'role': '*', 'fetch': [], 'uris': [], 'executor': '', 'gpus': 0,"
        + " 'networks': [{'mode': 'host'}], 'storeUrls': []}"), "/", null);
    Map<String, List<String>> e = errors("{'id': '/a', 'cmd': 'x', 'secrets': {'s': {'source': 'x'}},"
        + " 'readinessChecks': [{}], 'ipAddress': {'networkName': 'n'}, 'role': 'prod', 'fetch': [{'uri': 'u'}],"
        + " 'networks': [{'mode': 'container', 'name': 'overlay'}]}");
    for (String p : List.of("/secrets", "/readinessChecks", "/ipAddress", "/role", "/fetch", "/networks(0)/mode")) {
      assertTrue(e.containsKey(p), p + " in " + e);
    }
  }

  @Test
  void unreachableStrategyDisabledRoundTripsAndReachesTheEngineAsNone() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/a', 'cmd': 'x', 'unreachableStrategy': 'disabled'}"), "/",
        null);
    assertTrue(a.unreachableStrategy().disabled());
    assertEquals("disabled", AppJson.tree(a).path("unreachableStrategy").asText());
    assertEquals(a, AppJson.readApp(AppJson.bytes(a)));
    assertTrue(dev.drover.apps.runtime.RunSpecs.of(a.withVersion("2026-01-01T00:00:00Z", null))
        .unreachableStrategy().isEmpty());
    assertTrue(errors("{'id': '/a', 'cmd': 'x', 'unreachableStrategy': 'never'}").containsKey("/unreachableStrategy"));
  }

  @Test
  void marathon15NetworksBridgeSetsTheDockerNetwork() throws Exception {
    AppDefinition a = validator.validate(json("{'id': '/web', 'networks': [{'mode': 'container/bridge'}],"
        + " 'container': {'type': 'MESOS', 'docker': {'image': 'img'}, 'portMappings': [{'containerPort': 80,"
        + " 'hostPort': 0, 'labels': {}, 'protocol': 'tcp', 'servicePort': 10000}]},"
        + " 'healthChecks': [{'protocol': 'MESOS_HTTP', 'portIndex': 0}]}"), "/", null);
    assertEquals(Docker.Network.BRIDGE, a.container().docker().network());
    assertEquals(List.of(), a.portDefinitions());
    assertEquals(10000, a.container().portMappings().get(0).servicePort());
  }
}
