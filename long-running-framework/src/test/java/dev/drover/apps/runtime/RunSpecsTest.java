package dev.drover.apps.runtime;

import static org.junit.jupiter.api.Assertions.*;

import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.validation.AppValidator;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.placement.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunSpecsTest {
  private static AppDefinition app(String json) throws Exception {
    return new AppValidator().validate(AppJson.MAPPER.readTree(json.replace('\'', '"')), "/", null)
        .withVersion("2026-01-02T03:04:05.678Z", null);
  }

  @Test
  void everyFieldReachesTheEngine() throws Exception {
    RunSpec s = RunSpecs.of(app("{'id': '/prod/web', 'cmd': 'serve', 'instances': 3, 'cpus': 0.5, 'mem': 64,"
        + " 'disk': 10, 'user': 'nobody', 'env': {'A': 'b'}, 'labels': {'l': 'v'}, 'requirePorts': true,"
        + " 'portDefinitions': [{'port': 8080, 'name': 'http'}], 'constraints': [['hostname', 'UNIQUE'],"
        + " ['rack', 'GROUP_BY', '2', 'soft']], 'healthChecks': [{'protocol': 'TCP'},"
        + " {'protocol': 'COMMAND', 'command': {'value': 'true'}}],"
        + " 'upgradeStrategy': {'minimumHealthCapacity': 0.5, 'maximumOverCapacity': 0.2},"
        + " 'backoffSeconds': 2, 'backoffFactor': 2, 'maxLaunchDelaySeconds': 60, 'killSelection': 'OLDEST_FIRST',"
        + " 'unreachableStrategy': {'inactiveAfterSeconds': 10, 'expungeAfterSeconds': 20},"
        + " 'taskKillGracePeriodSeconds': 7, 'dependencies': ['/prod/db'], 'acceptedResourceRoles': ['*']}"));
    assertEquals("/prod/web", s.appId());
    assertEquals(List.of("*"), s.acceptedResourceRoles());
    assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), s.version());
    assertEquals(3, s.instances());
    assertEquals(0.5, s.cpus());
    assertEquals(64, s.mem());
    assertEquals(10, s.disk());
    assertEquals("serve", s.cmd().orElseThrow());
    assertEquals("nobody", s.user().orElseThrow());
    assertEquals("b", s.env().get("A"));
    assertEquals("v", s.labels().get("l"));
    assertTrue(s.requirePorts());
    assertEquals(8080, s.portDefinitions().get(0).port());
    assertEquals("http", s.portDefinitions().get(0).name());
    assertEquals(Operator.UNIQUE, s.constraints().get(0).operator());
    assertTrue(s.constraints().get(1).soft());
    assertEquals(List.of(HealthCheck.Protocol.TCP, HealthCheck.Protocol.COMMAND),
        s.healthChecks().stream().map(HealthCheck::protocol).toList());
    assertEquals(0.5, s.upgradeStrategy().minimumHealthCapacity());
    assertEquals(0.2, s.upgradeStrategy().maximumOverCapacity());
    assertEquals(2, s.backoffSeconds());
    assertEquals(2, s.backoffFactor());
    assertEquals(60, s.maxLaunchDelaySeconds());
    assertEquals("OLDEST_FIRST", s.killSelection().name());
    assertEquals(10, s.unreachableStrategy().orElseThrow().inactiveAfterSeconds());
    assertEquals(7, s.taskKillGracePeriodSeconds());
    assertEquals(Set.of("/prod/db"), s.dependencies());
    assertTrue(s.container().isEmpty());
    // the engine persists specs; after a failover the resync compares them with these
    assertEquals(s, dev.drover.apps.engine.spec.RunSpecCodec.fromJson(
        dev.drover.apps.engine.spec.RunSpecCodec.toJson(s)));
  }

  @Test
  void dockerBridgeContainer() throws Exception {
    RunSpec s = RunSpecs.of(app("{'id': '/web', 'container': {'type': 'DOCKER', 'docker': {'image': 'img',"
        + " 'network': 'BRIDGE', 'privileged': true, 'forcePullImage': true, 'parameters': [{'key': 'k',"
        + " 'value': 'v'}]}, 'portMappings': [{'containerPort': 80, 'hostPort': 0, 'servicePort': 10000}]}}"));
    var c = s.container().orElseThrow();
    assertEquals("img", c.image());
    assertEquals(DockerSpec.Network.BRIDGE, c.network());
    assertTrue(c.privileged());
    assertTrue(c.forcePullImage());
    assertEquals("v", c.parameters().get("k"));
    assertEquals(80, c.portMappings().get(0).containerPort());
    assertEquals(10000, c.portMappings().get(0).servicePort());
    assertTrue(s.cmd().isEmpty());
    assertEquals(s, dev.drover.apps.engine.spec.RunSpecCodec.fromJson(
        dev.drover.apps.engine.spec.RunSpecCodec.toJson(s)));
  }
}
