package dev.drover.master.health;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.offer.Offer;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.AgentState;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent health: a ping round pings every connected agent and counts a missed round for every agent whose stream is
 * gone; an agent that misses {@code maxMissedPings} rounds in a row is made UNREACHABLE. Runs on the serial loop.
 */
public final class AgentHealth {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHealth.class);

  private final MasterContext ctx;
  private final Cluster cluster;
  private final int maxMissedPings;

  public AgentHealth(MasterContext ctx, int maxMissedPings) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
    this.maxMissedPings = maxMissedPings;
  }

  public void pingRound() {
    for (AgentEntry a : new ArrayList<>(cluster.agents())) {
      if (a.state() != AgentState.ACTIVE && a.state() != AgentState.DISCONNECTED) {
        continue;
      }
      if (a.missedPings() >= maxMissedPings) {
        markUnreachable(a, a.connected() ? "missed " + a.missedPings() + " pings in a row"
            : "stayed disconnected for " + a.missedPings() + " ping intervals");
        continue;
      }
      long sequence = a.nextPingSequence();
      if (a.connected()) {
        a.channel().ping(sequence);
      }
    }
  }

  /**
   * Makes the agent UNREACHABLE: ends its stream (it re-registers when it can), rescinds its offers, reports each
   * live task UNREACHABLE to partition-aware frameworks and LOST to the others (reason AGENT_UNREACHABLE), and sends
   * every connected framework a FAILURE for the agent.
   */
  public void markUnreachable(AgentEntry agent, String why) {
    for (Offer o : cluster.offers().removeAgent(agent.id())) {
      cluster.framework(o.frameworkId()).filter(FrameworkEntry::connected)
          .ifPresent(f -> f.channel().rescind(o.id()));
    }
    AgentChannel channel = agent.channel();
    if (channel != null) {
      cluster.unbindAgent(agent);
      channel.fail("agent " + agent.id() + " is unreachable (" + why + "); re-register");
    }
    agent.state(AgentState.UNREACHABLE);
    List<TaskEntry> affected = new ArrayList<>();
    for (TaskEntry t : cluster.tasksOn(agent.id())) {
      if (!t.state().isTerminal() && t.state() != TaskState.UNREACHABLE) {
        affected.add(t);
      }
    }
    for (TaskEntry t : affected) {
      boolean aware = cluster.framework(t.key().frameworkId()).map(FrameworkEntry::info)
          .map(FrameworkDescriptor::partitionAware).orElse(false);
      TaskStatus s = TaskStatus.fromMaster(t.key().taskId(), t.key().frameworkId(), agent.id(),
          aware ? TaskState.UNREACHABLE : TaskState.LOST, Reason.AGENT_UNREACHABLE,
          "agent " + agent.id() + " is unreachable: " + why, ctx.nowSeconds());
      t.status(s);
      cluster.notifyFramework(s);
    }
    for (FrameworkEntry f : cluster.frameworks()) {
      if (f.connected()) {
        f.channel().agentFailure(agent.id());
      }
    }
    LOG.warn("Agent {} ({}) is UNREACHABLE: {}; {} task(s) reported UNREACHABLE or LOST", agent.id(),
        agent.info().hostname(), why, affected.size());
    ctx.allocateSoon().run();
  }
}
