package dev.drover.apps.engine;

import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.placement.Constraint;
import dev.drover.sdk.placement.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's view of one version of an app: Marathon's app fields that matter for running it, one to one.
 * Immutable and thread-safe; build one with {@link #builder(String)} (Marathon's defaults) or the canonical
 * constructor.
 *
 * <p>Two specs that differ only in {@code instances} and {@code version} have the same <em>configuration</em>
 * ({@link #sameConfig}): changing from one to the other scales the app without replacing its instances. Any other
 * difference replaces them (a rolling restart under {@link #upgradeStrategy}).
 *
 * @param appId absolute path id, e.g. {@code /prod/web}
 * @param version when this version was created
 * @param instances how many instances to run; ignored for a {@link #isGlobal() global} app
 * @param cpus cpus per instance
 * @param mem memory per instance, MiB
 * @param disk disk per instance, MiB
 * @param cmd shell command ({@code /bin/sh -c}); empty when {@code args} or only the container's entry point is used
 * @param args argv without a shell (Marathon's {@code args}); empty when unused
 * @param user OS user the tasks run as; empty for the agent's default
 * @param env environment of every task (the engine adds PORT0.., PORTS, HOST, DROVER_* and MARATHON_*)
 * @param labels app labels; copied onto every task
 * @param container the Docker container, or empty to run a process
 * @param portDefinitions host ports of a process or HOST/NONE container; ignored for a BRIDGE container
 * @param requirePorts whether the {@link PortDefinition#port} values are the host ports to use
 * @param constraints placement rules, Marathon's operators and Drover's extensions (see docs/apps-engine.md)
 * @param healthChecks the agent runs every one on each task; a task is healthy when all of them pass
 * @param upgradeStrategy how instances are replaced
 * @param backoffSeconds launch back-off after the first failure, seconds
 * @param backoffFactor the back-off is multiplied by this after every further failure
 * @param maxLaunchDelaySeconds the back-off never exceeds this
 * @param killSelection which instances go first on scale-down
 * @param unreachableStrategy when unreachable instances are replaced and forgotten; empty = disabled
 * @param taskKillGracePeriodSeconds SIGTERM-to-SIGKILL time when a task is killed; 0 = the agent's default
 * @param dependencies app ids this app depends on: in a deployment it starts only after they are ready
 * @param acceptedResourceRoles the roles whose resources the app's tasks may use ({@code *}: unreserved); empty
 *     means every resource offered (Marathon's default without {@code --default_accepted_resource_roles})
 */
public record RunSpec(String appId, Instant version, int instances, double cpus, double mem, double disk,
    Optional<String> cmd, List<String> args, Optional<String> user, Map<String, String> env,
    Map<String, String> labels, Optional<ContainerSpec> container, List<PortDefinition> portDefinitions,
    boolean requirePorts, List<Constraint> constraints, List<HealthCheck> healthChecks,
    UpgradeStrategy upgradeStrategy, double backoffSeconds, double backoffFactor, double maxLaunchDelaySeconds,
    KillSelection killSelection, Optional<UnreachableStrategy> unreachableStrategy, long taskKillGracePeriodSeconds,
    Set<String> dependencies, List<String> acceptedResourceRoles) {

  public RunSpec {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(version, "version");
    if (!appId.startsWith("/") || appId.length() < 2) {
      throw new IllegalArgumentException("appId must be an absolute path like /prod/web, not " + appId);
    }
    if (instances < 0) {
      throw new IllegalArgumentException("instances must not be negative");
    }
    cmd = cmd == null ? Optional.empty() : cmd.filter(c -> !c.isEmpty());
    args = args == null ? List.of() : List.copyOf(args);
    user = user == null ? Optional.empty() : user.filter(u -> !u.isEmpty());
    env = env == null ? Map.of() : Map.copyOf(env);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    container = container == null ? Optional.empty() : container;
    portDefinitions = portDefinitions == null ? List.of() : List.copyOf(portDefinitions);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
    upgradeStrategy = upgradeStrategy == null ? UpgradeStrategy.DEFAULT : upgradeStrategy;
    killSelection = killSelection == null ? KillSelection.YOUNGEST_FIRST : killSelection;
    unreachableStrategy = unreachableStrategy == null ? Optional.empty() : unreachableStrategy;
    dependencies = dependencies == null ? Set.of() : Set.copyOf(dependencies);
    acceptedResourceRoles = acceptedResourceRoles == null ? List.of() : List.copyOf(acceptedResourceRoles);
  }

  /** A builder with Marathon's defaults for {@code appId}, version {@link Instant#EPOCH}. */
  public static RunSpecBuilder builder(String appId) {
    return new RunSpecBuilder(appId);
  }

  /** A builder holding this spec's values. */
  public RunSpecBuilder toBuilder() {
    return new RunSpecBuilder(this);
  }

  /** This spec with another instance count and version (a scale). */
  public RunSpec scaledTo(int n, Instant newVersion) {
    return toBuilder().instances(n).version(newVersion).build();
  }

  /** Whether both specs run the same tasks: equal in everything but {@code instances} and {@code version}. */
  public boolean sameConfig(RunSpec other) {
    return other != null && scaledTo(0, Instant.EPOCH).equals(other.scaledTo(0, Instant.EPOCH));
  }

  /** Whether the app runs one instance on every matching agent (a {@code GLOBAL} constraint). */
  public boolean isGlobal() {
    return constraints.stream().anyMatch(c -> c.operator() == Operator.GLOBAL);
  }

  /** The first of {@link #healthChecks}, if any (present exactly when the app has health checks). */
  public Optional<HealthCheck> healthCheck() {
    return healthChecks.stream().findFirst();
  }
}
