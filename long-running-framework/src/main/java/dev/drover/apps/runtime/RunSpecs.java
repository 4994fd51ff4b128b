package dev.drover.apps.runtime;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.Container;
import dev.drover.apps.model.DockerParameter;
import dev.drover.apps.model.HealthCheckDefinition;
import dev.drover.apps.engine.ContainerSpec;
import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.PortDefinition;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnreachableStrategy;
import dev.drover.apps.engine.UpgradeStrategy;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.placement.Constraint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a stored (validated, versioned) {@link AppDefinition} into the engine's {@link RunSpec}. Pure.
 * A MESOS container with a docker image runs on the agent's Docker containerizer like a DOCKER one; a container
 * without an image is a plain process.
 */
public final class RunSpecs {
  private RunSpecs() {}

  public static RunSpec of(AppDefinition a) {
    return new RunSpec(a.id(), a.version() == null ? Instant.EPOCH : Instant.parse(a.version()), a.instances(),
        a.cpus(), a.mem(), a.disk(), Optional.ofNullable(a.cmd()), a.args(), Optional.ofNullable(a.user()), a.env(),
        a.labels(), container(a.container()),
        a.portDefinitions().stream().map(p -> new PortDefinition(p.port(), p.protocol(), p.name())).toList(),
        a.requirePorts(), a.constraints().stream().map(Constraint::parse).toList(),
        a.healthChecks().stream().map(HealthCheckDefinition::toSdk).toList(),
        new UpgradeStrategy(a.upgradeStrategy().minimumHealthCapacity(), a.upgradeStrategy().maximumOverCapacity()),
        a.backoffSeconds(), a.backoffFactor(), a.maxLaunchDelaySeconds(),
        KillSelection.valueOf(a.killSelection().name()),
        a.unreachableStrategy().disabled() ? Optional.empty()
            : Optional.of(new UnreachableStrategy(a.unreachableStrategy().inactiveAfterSeconds(),
                a.unreachableStrategy().expungeAfterSeconds())),
        a.taskKillGracePeriodSeconds() == null ? 0 : a.taskKillGracePeriodSeconds(),
        new LinkedHashSet<>(a.dependencies()),
        a.acceptedResourceRoles() == null ? List.of() : a.acceptedResourceRoles());
  }

  private static Optional<ContainerSpec> container(Container c) {
    if (c == null || c.docker() == null || c.docker().image() == null) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (DockerParameter p : c.docker().parameters()) {
      params.put(p.key(), p.value());
    }
    return Optional.of(new ContainerSpec(c.docker().image(), DockerSpec.Network.valueOf(c.docker().network().name()),
        c.portMappings().stream().map(m -> new PortMapping(m.containerPort(), m.hostPort(), m.servicePort(),
            m.protocol(), m.name())).toList(),
        c.docker().privileged(), params, c.docker().forcePullImage()));
  }
}
