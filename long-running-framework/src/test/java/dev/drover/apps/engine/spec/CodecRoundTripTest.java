package dev.drover.apps.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.apps.engine.ContainerSpec;
import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.PortDefinition;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnreachableStrategy;
import dev.drover.apps.engine.UpgradeStrategy;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.instance.InstanceCodec;
import dev.drover.model.TaskState;
import dev.drover.sdk.Command;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.placement.Constraint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the engine persists reads back equal: a new leader sees exactly what the old one wrote. */
class CodecRoundTripTest {
  @Test
  void everyRunSpecFieldSurvives() {
    RunSpec full = RunSpec.builder("/prod/web").version(Instant.parse("2026-01-02T03:04:05.678Z")).instances(3)
        .cpus(0.25).mem(96).disk(10).args(List.of("/bin/httpd", "-f")).user("nobody").env("A", "1")
        .label("tier", "web").container(new ContainerSpec("local/busybox", DockerSpec.Network.BRIDGE,
            List.of(new PortMapping(80, 0, 10000, "tcp", "http")), true, Map.of("memory-swap", "0"), true))
        .portDefinitions(List.of(new PortDefinition(10001, "udp", "dns"))).requirePorts(true)
        .constraints(List.of(Constraint.parse(List.of("hostname", "UNIQUE")),
            Constraint.parse(List.of("rack", "GROUP_BY", "3", "soft")),
            Constraint.parse(List.of("label:tier", "SEPARATE", "db")),
            Constraint.parse(List.of("hostname", "UNIQUE", "", "soft"))))
        .healthChecks(List.of(HealthCheck.http("/health", 0).withTimings(Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(1), 4, Duration.ofMillis(500)),
            HealthCheck.command(Command.argv("true")), HealthCheck.command(Command.shell("exit 0"))))
        .upgradeStrategy(new UpgradeStrategy(0.5, 0.25)).backoffSeconds(2).backoffFactor(1.5)
        .maxLaunchDelaySeconds(60).killSelection(KillSelection.OLDEST_FIRST).acceptedResourceRoles(List.of("*", "prod"))
        .unreachableStrategy(new UnreachableStrategy(30, 90)).taskKillGracePeriodSeconds(7)
        .dependencies(Set.of("/prod/db")).build();
    assertEquals(full, RunSpecCodec.fromJson(RunSpecCodec.toJson(full)));
    RunSpec minimal = RunSpec.builder("/a").cmd("x").unreachableStrategy(null).build();
    assertEquals(minimal, RunSpecCodec.fromJson(RunSpecCodec.toJson(minimal)));
  }

  @Test
  void everyInstanceFieldSurvives() {
    Instant t = Instant.parse("2026-01-02T03:04:05.678901Z");
    Instance i = new Instance("prod_web.instance-1", "/prod/web", "a1", "h1", Map.of("rack", "r1"), List.of(31000),
        TaskState.UNREACHABLE, t, t.plusSeconds(1), t, t.minusSeconds(5), true,
        new Instance.Health(2, t, t.plusSeconds(2), t.plusSeconds(3)), Instance.Goal.STOP, t.plusSeconds(4),
        t.plusSeconds(1));
    assertEquals(i, InstanceCodec.decode(InstanceCodec.encode(i)));
    Instance bare = new Instance("x.instance-2", "/x", null, null, null, null, TaskState.STAGING, t, null, t, t,
        null, null, null, null, null);
    assertEquals(bare, InstanceCodec.decode(InstanceCodec.encode(bare)));
    assertEquals(Optional.empty(), Optional.ofNullable(InstanceCodec.decode(InstanceCodec.encode(bare)).healthy()));
  }
}
