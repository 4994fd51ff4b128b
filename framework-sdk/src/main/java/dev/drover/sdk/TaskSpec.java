package dev.drover.sdk;

import dev.drover.model.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the framework asks to launch on an offer ({@link SchedulerDriver#launch}). Immutable and thread-safe; build
 * one with {@link #shell}, {@link #argv} or {@link #builder}.
 *
 * @param taskId the task's id, chosen by the framework and unique within it
 * @param name a human-readable name; defaults to the task id
 * @param agentId the agent to run on; empty means "the agent of the offer it is launched on" (the usual case)
 * @param resources what the task uses; must fit in the offers it is launched on
 * @param command what the task runs
 * @param env environment variables
 * @param killGracePeriod time between SIGTERM and SIGKILL when the task is killed; empty means the agent's default
 * @param labels free-form labels, also visible to operators
 * @param docker the container to run in; empty means a plain process
 * @param healthChecks the checks the agent runs, each on its own schedule; the task is healthy when every one is
 *     (and unhealthy as soon as one is); empty means none (the task counts as healthy when running)
 * @param user the OS user the task runs as; empty means the agent's default
 */
public record TaskSpec(String taskId, String name, Optional<String> agentId, Resources resources, Command command,
    Map<String, String> env, Optional<Duration> killGracePeriod, Map<String, String> labels,
    Optional<DockerSpec> docker, List<HealthCheck> healthChecks, Optional<String> user) {

  public TaskSpec {
    Objects.requireNonNull(taskId, "taskId");
    if (taskId.isEmpty()) {
      throw new IllegalArgumentException("task id must not be empty");
    }
    name = name == null || name.isEmpty() ? taskId : name;
    agentId = agentId == null ? Optional.empty() : agentId.filter(a -> !a.isEmpty());
    resources = resources == null ? Resources.EMPTY : resources;
    command = command == null ? new Command.None() : command;
    env = env == null ? Map.of() : Map.copyOf(env);
    killGracePeriod = killGracePeriod == null ? Optional.empty() : killGracePeriod;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    docker = docker == null ? Optional.empty() : docker;
    healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
    user = user == null ? Optional.empty() : user.filter(u -> !u.isEmpty());
    if (command instanceof Command.None && docker.isEmpty()) {
      throw new IllegalArgumentException("task " + taskId + " has neither a command nor a Docker image");
    }
  }

  /** A process task running {@code command} with {@code /bin/sh -c}. */
  public static TaskSpec shell(String taskId, String command, Resources resources) {
    return builder(taskId).resources(resources).shell(command).build();
  }

  /** A process task running {@code argv} without a shell. */
  public static TaskSpec argv(String taskId, Resources resources, String... argv) {
    return builder(taskId).resources(resources).argv(List.of(argv)).build();
  }

  /**
   * The label naming (comma-separated) the env variables that are secrets: sent to the agent marked secret, shown
   * as {@code ***} by {@link #toString}, never logged or served by the master and agent (docs/security.md).
   */
  public static final String SECRET_ENV_LABEL = "drover.secret-env";

  /** The first of {@link #healthChecks}, if any: a convenience for tasks with one check. */
  public Optional<HealthCheck> healthCheck() {
    return healthChecks.stream().findFirst();
  }

  public static Builder builder(String taskId) {
    return new Builder(taskId);
  }

  /** The names of the env variables marked secret. */
  public java.util.Set<String> secretEnvNames() {
    String names = labels.getOrDefault(SECRET_ENV_LABEL, "");
    return names.isBlank() ? java.util.Set.of() : java.util.Set.of(names.split(","));
  }

  /** Like the record's, with the values of secret env variables replaced by {@code ***}. */
  @Override
  public String toString() {
    java.util.Set<String> secret = secretEnvNames();
    Map<String, String> shown = new java.util.TreeMap<>();
    env.forEach((k, v) -> shown.put(k, secret.contains(k) ? "***" : v));
    return "TaskSpec[taskId=" + taskId + ", name=" + name + ", agentId=" + agentId + ", resources=" + resources
        + ", command=" + command + ", env=" + shown + ", killGracePeriod=" + killGracePeriod + ", labels=" + labels
        + ", docker=" + docker + ", healthChecks=" + healthChecks + ", user=" + user + "]";
  }

  /** A builder with this task's values. */
  public Builder toBuilder() {
    Builder b = new Builder(taskId).name(name).resources(resources).command(command).killGracePeriod(
        killGracePeriod.orElse(null));
    agentId.ifPresent(b::agentId);
    docker.ifPresent(b::docker);
    b.healthChecks(healthChecks);
    user.ifPresent(b::user);
    b.env.putAll(env);
    b.labels.putAll(labels);
    return b;
  }

  /** Builds a {@link TaskSpec}. Not thread-safe. */
  public static final class Builder {
    private final String taskId;
    private String name;
    private String agentId;
    private Resources resources = Resources.EMPTY;
    private Command command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration killGracePeriod;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private DockerSpec docker;
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private String user;

    private Builder(String taskId) {
      this.taskId = taskId;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder agentId(String agentId) {
      this.agentId = agentId;
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    public Builder command(Command command) {
      this.command = command;
      return this;
    }

    public Builder shell(String command) {
      return command(new Command.Shell(command));
    }

    public Builder argv(List<String> argv) {
      return command(new Command.Argv(argv));
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    /** An env variable whose value is a secret ({@link #SECRET_ENV_LABEL}). */
    public Builder secretEnv(String name, String value) {
      env.put(name, value);
      labels.merge(SECRET_ENV_LABEL, name, (a, b) -> java.util.Arrays.asList(a.split(",")).contains(b) ? a
          : a + "," + b);
      return this;
    }

    public Builder killGracePeriod(Duration gracePeriod) {
      this.killGracePeriod = gracePeriod;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder docker(DockerSpec docker) {
      this.docker = docker;
      return this;
    }

    /** Makes {@code healthCheck} the task's only check ({@code null}: none). */
    public Builder healthCheck(HealthCheck healthCheck) {
      healthChecks.clear();
      if (healthCheck != null) {
        healthChecks.add(healthCheck);
      }
      return this;
    }

    /** Replaces the task's checks; the agent runs each, and the task is healthy when all are. */
    public Builder healthChecks(List<HealthCheck> checks) {
      healthChecks.clear();
      healthChecks.addAll(checks);
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public TaskSpec build() {
      return new TaskSpec(taskId, name, Optional.ofNullable(agentId), resources, command, env,
          Optional.ofNullable(killGracePeriod), labels, Optional.ofNullable(docker), healthChecks,
          Optional.ofNullable(user));
    }
  }
}
