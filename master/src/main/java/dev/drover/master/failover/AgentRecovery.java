package dev.drover.master.failover;

import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.health.AgentHealth;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.AgentState;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.state.TaskKey;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-registration window after an election. Agents read from the registry are RECOVERING until they
 * re-register or {@code agent_reregister_timeout} passes; then the absent ones become UNREACHABLE. Explicit
 * reconciliation of a task the master does not know on a RECOVERING agent is not answered at once (the agent may
 * still bring it): it is answered when the agent re-registers (its state, or GONE/LOST when the agent does not have
 * it) or when the window closes (UNREACHABLE/LOST). Runs on the serial loop.
 */
public final class AgentRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);

  private final MasterContext ctx;
  private final Cluster cluster;
  private final AgentHealth health;
  private final Map<String, List<TaskKey>> deferred = new LinkedHashMap<>();
  private Instant deadline;

  public AgentRecovery(MasterContext ctx, AgentHealth health) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
    this.health = health;
  }

  /** Opens the window: agents now RECOVERING have until {@code now + timeout}. */
  public void start(Duration timeout) {
    long recovering = cluster.agents().stream().filter(a -> a.state() == AgentState.RECOVERING).count();
    if (recovering == 0) {
      return;
    }
    deadline = ctx.now().plus(timeout);
    LOG.info("Waiting up to {} for {} agent(s) from the registry to re-register", timeout, recovering);
  }

  public boolean recovering(String agentId) {
    return cluster.agent(agentId).map(a -> a.state() == AgentState.RECOVERING).orElse(false);
  }

  /** Remembers a reconciliation to answer once the agent re-registers or the window closes. */
  public void defer(String frameworkId, String taskId, String agentId) {
    deferred.computeIfAbsent(agentId, k -> new ArrayList<>()).add(new TaskKey(frameworkId, taskId));
  }

  /** The agent re-registered (its tasks are adopted): answers what was deferred for it. */
  public void reregistered(String agentId) {
    List<TaskKey> keys = deferred.remove(agentId);
    if (keys == null) {
      return;
    }
    for (TaskKey key : keys) {
      Optional<TaskEntry> t = cluster.task(key);
      cluster.notifyFramework(t.map(e -> e.status().forReconciliation(ctx.nowSeconds())).orElseGet(() ->
          TaskStatus.fromMaster(key.taskId(), key.frameworkId(), agentId,
              aware(key.frameworkId()) ? TaskState.GONE : TaskState.LOST, Reason.RECONCILIATION,
              "agent " + agentId + " re-registered without task " + key.taskId(), ctx.nowSeconds())));
    }
  }

  /** Closes the window when its deadline has passed. */
  public void tick(Instant now) {
    if (deadline == null || now.isBefore(deadline)) {
      return;
    }
    deadline = null;
    List<AgentEntry> absent = cluster.agents().stream().filter(a -> a.state() == AgentState.RECOVERING).toList();
    for (AgentEntry a : absent) {
      health.markUnreachable(a, "did not re-register within agent_reregister_timeout");
    }
    deferred.forEach((agentId, keys) -> keys.forEach(key -> {
      boolean aware = aware(key.frameworkId());
      cluster.notifyFramework(cluster.task(key).map(e -> e.status().forReconciliation(ctx.nowSeconds()))
          .orElseGet(() -> TaskStatus.fromMaster(key.taskId(), key.frameworkId(), agentId,
              aware ? TaskState.UNREACHABLE : TaskState.LOST, aware ? Reason.AGENT_UNREACHABLE : Reason.AGENT_REMOVED,
              "agent " + agentId + " did not re-register after the master failed over", ctx.nowSeconds())));
    }));
    deferred.clear();
    LOG.info("Re-registration window closed: {} agent(s) did not come back", absent.size());
  }

  private boolean aware(String frameworkId) {
    return cluster.framework(frameworkId).map(FrameworkEntry::info).map(FrameworkDescriptor::partitionAware)
        .orElse(false);
  }
}
