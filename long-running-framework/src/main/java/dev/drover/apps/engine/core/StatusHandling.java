package dev.drover.apps.engine.core;

import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.TaskFailureView;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.LaunchDelay;
import dev.drover.model.TaskState;
import dev.drover.sdk.TaskStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A task status on the engine's loop: updates the instance (persisted first), forgets it once terminal, records
 * failures (last failure, launch back-off, automatic-rollback accounting) for instances the engine did not kill, and
 * kills tasks it does not know (expunged or orphaned). UNKNOWN (the master has never heard of the task) counts as
 * terminal. STARTING alone is kept in memory only (reconciliation re-learns it after a failover), saving a write per
 * launch. Emits Marathon's events.
 */
final class StatusHandling {
  /** The reason of the status the master sends for each live task of an agent that starts draining. */
  static final String DRAINING = "REASON_AGENT_DRAINING";
  /** Terminal states that count as a failure when the engine did not ask for the kill. */
  static final Set<TaskState> FAILURES = EnumSet.of(TaskState.FAILED, TaskState.ERROR, TaskState.LOST,
      TaskState.DROPPED, TaskState.GONE, TaskState.GONE_BY_OPERATOR, TaskState.KILLED, TaskState.FINISHED,
      TaskState.UNKNOWN);

  private final EngineState s;
  private final DeploymentOps deployments;

  StatusHandling(EngineState s, DeploymentOps deployments) {
    this.s = s;
    this.deployments = deployments;
  }

  /** Handles {@code status}; returns the app it concerned, if any. */
  Optional<String> status(TaskStatus status) {
    Instant now = s.now();
    if (DRAINING.equals(status.reason())) {  // no more offers from it until it is undrained: global apps leave it
      s.agents.remove(status.agentId());
    }
    Instance i = s.instances.get(status.taskId());
    if (i == null) {
      if (!status.state().isTerminal()) {
        s.driver.kill(status.taskId(), Optional.of(status.agentId()).filter(a -> !a.isEmpty()));
      }
      return Optional.empty();
    }
    AppState st = s.apps.get(i.appId());
    RunSpec spec = st == null ? null : st.spec();
    boolean hc = spec != null && spec.healthCheck().isPresent();
    if (status.state().isTerminal() || status.state() == TaskState.UNKNOWN) {
      s.removeInstance(i.taskId());
      Instance last = i.withState(status.state());
      if (i.goal() == Instance.Goal.RUN && FAILURES.contains(status.state()) && spec != null) {
        s.failures.put(i.appId(), new TaskFailureView(i.appId(), i.taskId(), Views.state(status.state()),
            status.message(), i.host(), i.agentId(), Views.time(now), Views.time(i.version())));
        s.delays.put(i.appId(), s.delays.getOrDefault(i.appId(), LaunchDelay.NONE)
            .afterFailure(spec, now, i.readySince() != null));
        if (i.readySince() == null) {
          deployments.newInstanceFailed(i);
        }
      }
      s.emit(Events.statusUpdate(last, status.message(), now));
      s.emit(Events.instanceChanged(last, now));
      return Optional.of(i.appId());
    }
    Boolean healthy = hc ? status.healthy().orElse(null) : null;
    Instance next = i.observed(status.state(), healthy, now, hc);
    boolean stateChanged = next.state() != i.state();
    boolean healthChanged = healthy != null && !healthy.equals(i.healthy());
    boolean transientOnly = stateChanged && !healthChanged && next.state() == TaskState.STARTING
        && java.util.Objects.equals(next.readySince(), i.readySince());
    if (transientOnly) {
      s.applyInstance(next);
    } else if (stateChanged || healthChanged || !java.util.Objects.equals(next.readySince(), i.readySince())) {
      s.putInstance(next);
    }
    if (stateChanged) {
      s.emit(Events.statusUpdate(next, status.message(), now));
      s.emit(Events.instanceChanged(next, now));
    }
    if (healthChanged) {
      s.emit(Events.health(EventTypes.HEALTH_STATUS_CHANGED, next, now, Map.of("alive", healthy)));
      if (!healthy) {
        s.emit(Events.health(EventTypes.FAILED_HEALTH_CHECK, next, now, Map.of("healthCheck",
            String.valueOf(spec.healthCheck().get().protocol()))));
        if (i.readySince() == null && i.goal() == Instance.Goal.RUN) {
          deployments.newInstanceFailed(next);
        }
      }
    }
    if (next.readySince() != null && i.readySince() == null) {
      deployments.newInstanceReady(next);
    }
    return Optional.of(i.appId());
  }
}
