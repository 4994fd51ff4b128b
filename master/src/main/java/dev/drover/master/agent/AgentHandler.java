package dev.drover.master.agent;

import dev.drover.master.offer.Offer;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.state.TaskKey;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import java.util.Arrays;
import java.util.List;
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
    for (ReportedTask t : tasks) {
      adopt(id, t);
    }
    channel.registered(id, ctx.masterId(), ctx.pingInterval());
    LOG.info("Agent {} {} ({}:{}) with {}{}", id, reregister ? "re-registered" : "admitted", info.hostname(),
        info.port(), info.resources(), known || !reregister ? "" : " (unknown to this master; adopted with "
            + tasks.size() + " task(s))");
    ctx.allocateSoon().run();
  }

  private void adopt(String agentId, ReportedTask reported) {
    TaskStatus s = reported.status();
    if (s.frameworkId().isEmpty() || reported.spec().taskId().isEmpty()) {
      LOG.warn("Agent {} reported task '{}' without a framework id; ignoring it", agentId, reported.spec().taskId());
      return;
    }
    TaskStatus status = withOrigin(s, agentId, s.frameworkId());
    TaskKey key = new TaskKey(s.frameworkId(), reported.spec().taskId());
    Optional<TaskEntry> existing = cluster.task(key);
    if (existing.isEmpty()) {
      cluster.putTask(key, agentId, reported.spec().name(), reported.spec().resources(), status);
    } else if (existing.get().state() != status.state()
        && existing.get().state().canTransitionTo(status.state())) {
      existing.get().status(status);
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
