package dev.drover.apps.engine;

import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.placement.Constraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link RunSpec}, starting from Marathon's defaults: 1 instance, 1 cpu, 128 MiB, no disk, back-off 1 s ×
 * 1.15 up to 300 s, upgrade strategy (1.0, 1.0), YOUNGEST_FIRST, unreachable strategy (0 s, 0 s). Not thread-safe.
 */
public final class RunSpecBuilder {
  private final String appId;
  private Instant version = Instant.EPOCH;
  private int instances = 1;
  private double cpus = 1;
  private double mem = 128;
  private double disk = 0;
  private String cmd;
  private List<String> args = new ArrayList<>();
  private String user;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private ContainerSpec container;
  private List<PortDefinition> portDefinitions = new ArrayList<>();
  private boolean requirePorts;
  private List<Constraint> constraints = new ArrayList<>();
  private List<HealthCheck> healthChecks = new ArrayList<>();
  private UpgradeStrategy upgradeStrategy = UpgradeStrategy.DEFAULT;
  private double backoffSeconds = 1;
  private double backoffFactor = 1.15;
  private double maxLaunchDelaySeconds = 300;
  private KillSelection killSelection = KillSelection.YOUNGEST_FIRST;
  private UnreachableStrategy unreachableStrategy = UnreachableStrategy.DEFAULT;
  private long taskKillGracePeriodSeconds;
  private final Set<String> dependencies = new LinkedHashSet<>();
  private List<String> acceptedResourceRoles = List.of();

  RunSpecBuilder(String appId) {
    this.appId = appId;
  }

  RunSpecBuilder(RunSpec s) {
    this.appId = s.appId();
    version = s.version();
    instances = s.instances();
    cpus = s.cpus();
    mem = s.mem();
    disk = s.disk();
    cmd = s.cmd().orElse(null);
    args = new ArrayList<>(s.args());
    user = s.user().orElse(null);
    env.putAll(s.env());
    labels.putAll(s.labels());
    container = s.container().orElse(null);
    portDefinitions = new ArrayList<>(s.portDefinitions());
    requirePorts = s.requirePorts();
    constraints = new ArrayList<>(s.constraints());
    healthChecks = new ArrayList<>(s.healthChecks());
    upgradeStrategy = s.upgradeStrategy();
    backoffSeconds = s.backoffSeconds();
    backoffFactor = s.backoffFactor();
    maxLaunchDelaySeconds = s.maxLaunchDelaySeconds();
    killSelection = s.killSelection();
    unreachableStrategy = s.unreachableStrategy().orElse(null);
    taskKillGracePeriodSeconds = s.taskKillGracePeriodSeconds();
    dependencies.addAll(s.dependencies());
    acceptedResourceRoles = s.acceptedResourceRoles();
  }

  public RunSpecBuilder version(Instant v) { version = v; return this; }
  public RunSpecBuilder instances(int n) { instances = n; return this; }
  public RunSpecBuilder cpus(double v) { cpus = v; return this; }
  public RunSpecBuilder mem(double v) { mem = v; return this; }
  public RunSpecBuilder disk(double v) { disk = v; return this; }
  public RunSpecBuilder cmd(String v) { cmd = v; return this; }
  public RunSpecBuilder args(List<String> v) { args = new ArrayList<>(v); return this; }
  public RunSpecBuilder user(String v) { user = v; return this; }
  public RunSpecBuilder env(String k, String v) { env.put(k, v); return this; }
  public RunSpecBuilder env(Map<String, String> m) { env.putAll(m); return this; }
  public RunSpecBuilder label(String k, String v) { labels.put(k, v); return this; }
  public RunSpecBuilder labels(Map<String, String> m) { labels.putAll(m); return this; }
  public RunSpecBuilder container(ContainerSpec c) { container = c; return this; }
  public RunSpecBuilder portDefinitions(List<PortDefinition> p) { portDefinitions = new ArrayList<>(p); return this; }
  public RunSpecBuilder requirePorts(boolean b) { requirePorts = b; return this; }
  public RunSpecBuilder constraints(List<Constraint> c) { constraints = new ArrayList<>(c); return this; }
  public RunSpecBuilder constraint(Constraint c) { constraints.add(c); return this; }
  public RunSpecBuilder healthChecks(List<HealthCheck> h) { healthChecks = new ArrayList<>(h); return this; }
  public RunSpecBuilder healthCheck(HealthCheck h) { healthChecks.add(h); return this; }
  public RunSpecBuilder upgradeStrategy(UpgradeStrategy u) { upgradeStrategy = u; return this; }
  public RunSpecBuilder backoffSeconds(double v) { backoffSeconds = v; return this; }
  public RunSpecBuilder backoffFactor(double v) { backoffFactor = v; return this; }
  public RunSpecBuilder maxLaunchDelaySeconds(double v) { maxLaunchDelaySeconds = v; return this; }
  public RunSpecBuilder killSelection(KillSelection k) { killSelection = k; return this; }
  /** {@code null} disables the unreachable strategy. */
  public RunSpecBuilder unreachableStrategy(UnreachableStrategy u) { unreachableStrategy = u; return this; }
  public RunSpecBuilder taskKillGracePeriodSeconds(long s) { taskKillGracePeriodSeconds = s; return this; }
  public RunSpecBuilder dependencies(Set<String> d) { dependencies.clear(); dependencies.addAll(d); return this; }

  /** Empty: any role's resources. */
  public RunSpecBuilder acceptedResourceRoles(List<String> r) { acceptedResourceRoles = List.copyOf(r); return this; }

  public RunSpec build() {
    return new RunSpec(appId, version, instances, cpus, mem, disk, Optional.ofNullable(cmd), args,
        Optional.ofNullable(user), env, labels, Optional.ofNullable(container), portDefinitions, requirePorts,
        constraints, healthChecks, upgradeStrategy, backoffSeconds, backoffFactor, maxLaunchDelaySeconds,
        killSelection, Optional.ofNullable(unreachableStrategy), taskKillGracePeriodSeconds, dependencies,
        acceptedResourceRoles);
  }
}
