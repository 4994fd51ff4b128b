package dev.drover.apps.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One version of an app, in Marathon's v2 JSON shape. Immutable; every absent field takes Marathon's default in the
 * compact constructor (instances 1, cpus 1, mem 128, disk 0, backoffSeconds 1, backoffFactor 1.15,
 * maxLaunchDelaySeconds 300, killSelection YOUNGEST_FIRST, upgradeStrategy {1, 1}, unreachableStrategy {0, 0},
 * taskKillGracePeriodSeconds unset (the agent's default), and one port definition {port 0} when the app asks for no
 * ports and has no bridge port mappings).
 *
 * <p>Instances are built only from validated input ({@code dev.drover.apps.validation.AppValidator}); the id is
 * absolute. {@code version} is the time this version was stored, set by the store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppDefinition(String id, String cmd, List<String> args, String user, Integer instances, Double cpus,
    Double mem, Double disk, Integer gpus, Map<String, String> env, Map<String, String> labels, Container container,
    List<PortDefinition> portDefinitions, Boolean requirePorts, List<List<String>> constraints,
    List<HealthCheckDefinition> healthChecks, UpgradeStrategy upgradeStrategy, Double backoffSeconds,
    Double backoffFactor, Integer maxLaunchDelaySeconds, KillSelection killSelection,
    UnreachableStrategy unreachableStrategy, Integer taskKillGracePeriodSeconds, List<String> dependencies,
    List<String> acceptedResourceRoles, String version, VersionInfo versionInfo) {

  public AppDefinition {
    args = args == null ? null : List.copyOf(args);
    instances = instances == null ? 1 : instances;
    cpus = cpus == null ? 1.0 : cpus;
    mem = mem == null ? 128.0 : mem;
    disk = disk == null ? 0.0 : disk;
    gpus = gpus == null ? 0 : gpus;
    env = env == null ? Map.of() : Map.copyOf(env);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    if (portDefinitions == null) {
      boolean mapped = container != null && container.bridged();
      portDefinitions = mapped ? List.of() : List.of(new PortDefinition(0, "tcp", "default", null));
    } else {
      portDefinitions = List.copyOf(portDefinitions);
    }
    requirePorts = requirePorts != null && requirePorts;
    constraints = constraints == null ? List.of() : constraints.stream().map(List::copyOf).toList();
    healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
    upgradeStrategy = upgradeStrategy == null ? UpgradeStrategy.DEFAULT : upgradeStrategy;
    backoffSeconds = backoffSeconds == null ? 1.0 : backoffSeconds;
    backoffFactor = backoffFactor == null ? 1.15 : backoffFactor;
    maxLaunchDelaySeconds = maxLaunchDelaySeconds == null ? 300 : maxLaunchDelaySeconds;
    killSelection = killSelection == null ? KillSelection.YOUNGEST_FIRST : killSelection;
    unreachableStrategy = unreachableStrategy == null ? UnreachableStrategy.DEFAULT : unreachableStrategy;
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    acceptedResourceRoles = acceptedResourceRoles == null ? null : List.copyOf(acceptedResourceRoles);
  }

  /** This definition stored as {@code version}, with its version info. */
  public AppDefinition withVersion(String version, VersionInfo info) {
    return new AppDefinition(id, cmd, args, user, instances, cpus, mem, disk, gpus, env, labels, container,
        portDefinitions, requirePorts, constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor,
        maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, dependencies,
        acceptedResourceRoles, version, info);
  }

  /** This definition with another instance count (version unchanged; the store sets a new one). */
  public AppDefinition withInstances(int count) {
    return new AppDefinition(id, cmd, args, user, count, cpus, mem, disk, gpus, env, labels, container,
        portDefinitions, requirePorts, constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor,
        maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, dependencies,
        acceptedResourceRoles, version, versionInfo);
  }

  /** This definition with other dependencies (the runtime's view: group dependencies expanded to app ids). */
  public AppDefinition withDependencies(List<String> deps) {
    return new AppDefinition(id, cmd, args, user, instances, cpus, mem, disk, gpus, env, labels, container,
        portDefinitions, requirePorts, constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor,
        maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, deps,
        acceptedResourceRoles, version, versionInfo);
  }

  /** This definition with another container (the API assigns service ports in its port mappings). */
  public AppDefinition withContainer(Container other) {
    return new AppDefinition(id, cmd, args, user, instances, cpus, mem, disk, gpus, env, labels, other,
        portDefinitions, requirePorts, constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor,
        maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, dependencies,
        acceptedResourceRoles, version, versionInfo);
  }

  /** This definition with other port definitions (the API assigns service ports). */
  public AppDefinition withPortDefinitions(List<PortDefinition> defs) {
    return new AppDefinition(id, cmd, args, user, instances, cpus, mem, disk, gpus, env, labels, container,
        defs, requirePorts, constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor,
        maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, dependencies,
        acceptedResourceRoles, version, versionInfo);
  }

  /** Whether this and {@code other} differ only in instances, version and versionInfo (a scale, not a change). */
  public boolean sameConfigAs(AppDefinition other) {
    return withInstances(0).withVersion(null, null).equals(other.withInstances(0).withVersion(null, null));
  }

  /** How many ports each instance gets from its offer (port definitions, or bridge mappings). */
  public int portCount() {
    return container != null && container.bridged() ? container.portMappings().size() : portDefinitions.size();
  }
}
