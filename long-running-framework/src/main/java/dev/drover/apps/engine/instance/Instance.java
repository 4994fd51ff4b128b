package dev.drover.apps.engine.instance;

import dev.drover.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of an app: one task, from launch until it is terminal. Immutable; the tracker swaps whole records.
 *
 * @param taskId the task id
 * @param appId the app
 * @param agentId the agent it was launched on
 * @param host the agent's hostname
 * @param attributes the agent's attributes (constraints count instances by them)
 * @param ports host ports assigned
 * @param state the last state reported (STAGING until the first update)
 * @param stagedAt when it was launched
 * @param startedAt when it first ran, or null
 * @param version the app version it was launched with
 * @param configVersion the app's config version it was launched with (old/new in a rolling replacement)
 * @param healthy the last health result, or null
 * @param health health-check bookkeeping for the views
 * @param goal whether it should keep running
 * @param unreachableSince when it became UNREACHABLE, or null
 * @param readySince when it last became ready (healthy, or running without a health check), or null
 */
public record Instance(String taskId, String appId, String agentId, String host, Map<String, String> attributes,
    List<Integer> ports, TaskState state, Instant stagedAt, Instant startedAt, Instant version,
    Instant configVersion, Boolean healthy, Health health, Goal goal, Instant unreachableSince, Instant readySince) {

  /** Whether the instance should run. */
  public enum Goal {
    /** Keep it running. */
    RUN,
    /** A kill was sent; it no longer counts toward the app's instances. */
    STOP
  }

  /**
   * Health bookkeeping: results in a row and when they changed.
   *
   * @param consecutiveFailures unhealthy results in a row
   * @param firstSuccess first healthy result, or null
   * @param lastSuccess last healthy result, or null
   * @param lastFailure last unhealthy result, or null
   */
  public record Health(int consecutiveFailures, Instant firstSuccess, Instant lastSuccess, Instant lastFailure) {
    public static final Health NONE = new Health(0, null, null, null);

    /** This bookkeeping after a result at {@code at}. */
    public Health after(boolean alive, Instant at) {
      return alive ? new Health(0, firstSuccess == null ? at : firstSuccess, at, lastFailure)
          : new Health(consecutiveFailures + 1, firstSuccess, lastSuccess, at);
    }
  }

  public Instance {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(appId, "appId");
    agentId = agentId == null ? "" : agentId;
    host = host == null ? "" : host;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    ports = ports == null ? List.of() : List.copyOf(ports);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stagedAt, "stagedAt");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(configVersion, "configVersion");
    health = health == null ? Health.NONE : health;
    goal = goal == null ? Goal.RUN : goal;
  }

  /** Whether it runs (RUNNING) and, with a health check, was last reported healthy. */
  public boolean isReady(boolean hasHealthCheck) {
    return state == TaskState.RUNNING && (!hasHealthCheck || Boolean.TRUE.equals(healthy));
  }

  /** Whether the agent reported it unhealthy (the agent applies the grace period and maxConsecutiveFailures). */
  public boolean isUnhealthy() {
    return state == TaskState.RUNNING && Boolean.FALSE.equals(healthy);
  }

  /** How long it has been UNREACHABLE at {@code now}; zero when it is not. */
  public Duration unreachableFor(Instant now) {
    return state == TaskState.UNREACHABLE && unreachableSince != null ? Duration.between(unreachableSince, now)
        : Duration.ZERO;
  }

  /** This instance in another state. */
  public Instance withState(TaskState s) {
    return new Instance(taskId, appId, agentId, host, attributes, ports, s, stagedAt, startedAt, version,
        configVersion, healthy, health, goal, unreachableSince, readySince);
  }

  /** This instance after a status update at {@code at}: state, health, startedAt, unreachableSince, readySince. */
  public Instance observed(TaskState s, Boolean newHealthy, Instant at, boolean hasHealthCheck) {
    Instant started = startedAt == null && s == TaskState.RUNNING ? at : startedAt;
    Instant unreachable = s == TaskState.UNREACHABLE ? (unreachableSince == null ? at : unreachableSince) : null;
    Boolean h = newHealthy == null ? healthy : newHealthy;
    Health hb = newHealthy == null ? health : health.after(newHealthy, at);
    Instance next = new Instance(taskId, appId, agentId, host, attributes, ports, s, stagedAt, started, version,
        configVersion, h, hb, goal, unreachable, readySince);
    boolean wasReady = isReady(hasHealthCheck);
    boolean nowReady = next.isReady(hasHealthCheck);
    Instant ready = nowReady ? (wasReady && readySince != null ? readySince : at) : null;
    return new Instance(taskId, appId, agentId, host, attributes, ports, s, stagedAt, started, version,
        configVersion, h, hb, goal, unreachable, ready);
  }

  /** This instance with a kill sent. */
  public Instance stopping() {
    return new Instance(taskId, appId, agentId, host, attributes, ports, state, stagedAt, startedAt, version,
        configVersion, healthy, health, Goal.STOP, unreachableSince, readySince);
  }
}
