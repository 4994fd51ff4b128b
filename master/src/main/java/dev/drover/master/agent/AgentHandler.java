package dev.drover.master.agent;

import dev.drover.master.offer.Offer;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.state.TaskKey;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles what agents send: registration (admitting new agents, adopting re-registering ones with their tasks),
 * pongs, status updates (relayed to frameworks), resource changes and disconnection. Runs on the serial loop.
 */
public final class AgentHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHandler.class);

  private final MasterContext ctx;
  private final Cluster cluster;

  public AgentHandler(MasterContext ctx) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
  }

  public void register(AgentChannel channel, String requestedId, boolean reregister, AgentDescriptor info,
      List<ReportedTask> tasks) {
    String id = requestedId == null || requestedId.isBlank() ? UUID.randomUUID() + "-S0" : requestedId;
    boolean known = cluster.agent(id).isPresent();
    cluster.connectAgent(id, info, channel).filter(old -> old != channel).ifPresent(old -> {
      LOG.info("Agent {} connected on a new stream; closing the old one", id);
      old.close();
    });
    Set<TaskKey> reported = new HashSet<>();
    List<TaskKey> kill = new ArrayList<>();
    for (ReportedTask t : tasks) {
      adopt(id, t, kill).ifPresent(reported::add);
    }
    if (known) {
      forgetUnreported(id, reported);
    }
    channel.registered(id, ctx.masterId(), ctx.pingInterval());
    kill.forEach(k -> channel.killTask(k.frameworkId(), k.taskId(), null));
    // DEBUG: a failover re-registers every agent at once, and a line each would cost the loop thousands of writes
    LOG.debug("Agent {} {} ({}:{}) with {}{}", id, reregister ? "re-registered" : "admitted", info.hostname(),
        info.port(), info.resources(), known || !reregister ? "" : " (unknown to this master; adopted with "
            + tasks.size() + " task(s))");
    ctx.allocateSoon().run();
  }

  /**
   * Takes a task the agent reports. A task the master had as UNREACHABLE resumes and its framework hears the
   * reported state (terminal states reach it through the agent's own unacknowledged update); a task the master
   * already reported LOST to a framework that is not partition-aware is killed, as Mesos does.
   */
  private Optional<TaskKey> adopt(String agentId, ReportedTask reported, List<TaskKey> kill) {
    TaskStatus s = reported.status();
    if (s.frameworkId().isEmpty() || reported.spec().taskId().isEmpty()) {
      LOG.warn("Agent {} reported task '{}' without a framework id; ignoring it", agentId, reported.spec().taskId());
      return Optional.empty();
    }
    TaskStatus status = withOrigin(s, agentId, s.frameworkId());
    TaskKey key = new TaskKey(s.frameworkId(), reported.spec().taskId());
    if (cluster.isTornDown(key.frameworkId())) {
      if (!status.state().isTerminal()) {
        LOG.info("Agent {} brought back task {} of torn-down framework {}; killing it", agentId, key.taskId(),
            key.frameworkId());
        kill.add(key);
      }
      return Optional.empty();
    }
    Optional<TaskEntry> existing = cluster.task(key);
    if (existing.isEmpty()) {
      cluster.putTask(key, agentId, reported.spec().name(), reported.spec().resources(), status);
      return Optional.of(key);
    }
    TaskState before = existing.get().state();
    if (before.isTerminal() && !status.state().isTerminal()) {
      LOG.info("Agent {} brought back task {} of framework {}, which was already {}; killing it", agentId,
          key.taskId(), key.frameworkId(), before);
      kill.add(key);
    } else if (before != status.state() && before.canTransitionTo(status.state())) {
      existing.get().status(status);
      if (before == TaskState.UNREACHABLE && !status.state().isTerminal()) {
        cluster.notifyFramework(status.forReconciliation(ctx.nowSeconds()));
        LOG.info("Task {} of framework {} is reachable again: {}", key.taskId(), key.frameworkId(), status.state());
      }
    }
    return Optional.of(key);
  }

  /** Tasks the master had on a returning agent that the agent no longer has are GONE (or LOST). */
  private void forgetUnreported(String agentId, Set<TaskKey> reported) {
    List<TaskEntry> missing = new ArrayList<>();
    for (TaskEntry t : cluster.tasksOn(agentId)) {
      if (!t.state().isTerminal() && !reported.contains(t.key())) {
        missing.add(t);
      }
    }
    for (TaskEntry t : missing) {
      boolean aware = cluster.framework(t.key().frameworkId()).map(f -> f.info().partitionAware()).orElse(false);
      TaskStatus s = TaskStatus.fromMaster(t.key().taskId(), t.key().frameworkId(), agentId,
          aware ? TaskState.GONE : TaskState.LOST, Reason.AGENT_RESTARTED,
          "agent " + agentId + " re-registered without this task", ctx.nowSeconds());
      t.status(s);
      cluster.notifyFramework(s);
      LOG.info("Agent {} re-registered without task {} of framework {}; it is {}", agentId, t.key().taskId(),
          t.key().frameworkId(), s.state());
    }
  }

  public void pong(AgentChannel channel, long sequence) {
    cluster.agentOf(channel).ifPresent(a -> a.pong(sequence));
  }

  public void resourcesUpdate(AgentChannel channel, Resources total) {
    cluster.agentOf(channel).ifPresent(a -> {
      LOG.info("Agent {} now has {}", a.id(), total);
      a.info(a.info().withResources(total));
      ctx.allocateSoon().run();
    });
  }

  /**
   * Applies and relays a status update. A retry (same uuid as the task's latest status) is relayed again; an
   * impossible transition is logged, not applied nor relayed, and acknowledged here so the agent stops retrying.
   */
  public void statusUpdate(AgentChannel channel, String frameworkId, TaskStatus update) {
    Optional<AgentEntry> agent = cluster.agentOf(channel);
    if (agent.isEmpty()) {
      LOG.warn("Status update for task {} on a stream that is not registered; ignoring it", update.taskId());
      return;
    }
    String fwId = frameworkId.isEmpty() ? update.frameworkId() : frameworkId;
    TaskStatus status = withOrigin(update, agent.get().id(), fwId);
    if (cluster.isTornDown(fwId)) {
      LOG.info("Acknowledging {} of task {} for torn-down framework {}", status.state(), status.taskId(), fwId);
      ackNow(channel, status);
      return;
    }
    TaskKey key = new TaskKey(fwId, status.taskId());
    Optional<TaskEntry> task = cluster.task(key);
    if (task.isEmpty()) {
      LOG.info("Agent {} reports unknown task {} of framework {} as {}; adopting it", agent.get().id(),
          status.taskId(), fwId, status.state());
      cluster.putTask(key, agent.get().id(), "", Resources.EMPTY, status);
    } else {
      TaskStatus current = task.get().status();
      boolean retry = status.hasUuid() && Arrays.equals(status.uuid(), current.uuid());
      if (!retry && !current.state().canTransitionTo(status.state())) {
        LOG.info("Ignoring impossible transition {} -> {} of task {} (framework {}); acknowledging it",
            current.state(), status.state(), status.taskId(), fwId);
        ackNow(channel, status);
        return;
      }
      task.get().status(status);
      if (status.state().isTerminal() && !current.state().isTerminal()) {
        ctx.allocateSoon().run();
      }
    }
    if (cluster.notifyFramework(status)) {
      LOG.info("Task {} of framework {} is {} ({}); relayed", status.taskId(), fwId, status.state(),
          status.reason());
    } else {
      LOG.info("Task {} of framework {} is {}; framework not connected, update left unacknowledged",
          status.taskId(), fwId, status.state());
    }
  }

  public void disconnected(AgentChannel channel) {
    cluster.disconnectAgent(channel).ifPresent(a -> {
      List<Offer> rescinded = cluster.offers().removeAgent(a.id());
      for (Offer o : rescinded) {
        cluster.framework(o.frameworkId()).filter(f -> f.connected()).ifPresent(f -> f.channel().rescind(o.id()));
      }
      LOG.info("Agent {} ({}) disconnected; rescinded {} offer(s), its tasks stay", a.id(), a.info().hostname(),
          rescinded.size());
    });
  }

  public void pingAll() {
    for (AgentEntry a : cluster.agents()) {
      if (a.connected()) {
        a.channel().ping(a.nextPingSequence());
      }
    }
  }

  private static void ackNow(AgentChannel channel, TaskStatus status) {
    if (status.hasUuid()) {
      channel.acknowledge(status.frameworkId(), status.taskId(), status.uuid());
    }
  }

  private static TaskStatus withOrigin(TaskStatus s, String agentId, String frameworkId) {
    return new TaskStatus(s.taskId(), frameworkId, agentId, s.state(), s.reason(), s.message(), s.source(),
        s.healthy(), s.uuid(), s.timestamp(), s.exitCode(), s.containerId());
  }
}
