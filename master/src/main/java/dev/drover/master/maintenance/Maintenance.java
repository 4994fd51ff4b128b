package dev.drover.master.maintenance;

import dev.drover.master.offer.Offer;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining agents. A draining agent gets no new offers and its outstanding offers are rescinded; the framework of
 * each live task on it gets a status update in the task's current state with reason AGENT_DRAINING (from the master,
 * no acknowledgement needed), so that it can move the task; with {@code kill} the master kills what is still live
 * after the grace period. The agent is DRAINED once it has no live task. Undrain makes it offerable again. Runs on
 * the serial loop; the registry write happens before {@link #apply}.
 */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final MasterContext ctx;
  private final Cluster cluster;
  private final BiConsumer<String, Boolean> allocatorDraining;
  private final Map<String, DrainRecord> drains = new LinkedHashMap<>();
  private final Set<String> killed = new HashSet<>();
  private final Set<String> drained = new HashSet<>();

  /** @param allocatorDraining tells the allocator an agent is (or no longer is) draining */
  public Maintenance(MasterContext ctx, BiConsumer<String, Boolean> allocatorDraining) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
    this.allocatorDraining = allocatorDraining;
  }

  /** Re-applies drains read from the registry, quietly (frameworks were told by the previous leader). */
  public void recover(List<DrainRecord> records) {
    for (DrainRecord r : records) {
      drains.put(r.agentId(), r);
      allocatorDraining.accept(r.agentId(), true);
    }
  }

  public boolean draining(String agentId) {
    return drains.containsKey(agentId);
  }

  /** Starts draining (or changes the drain of) an agent this master knows. */
  public void apply(DrainRecord drain) {
    boolean fresh = drains.put(drain.agentId(), drain) == null;
    killed.remove(drain.agentId());
    allocatorDraining.accept(drain.agentId(), true);
    List<Offer> rescinded = rescindOffers(drain.agentId());
    List<TaskEntry> live = liveTasks(drain.agentId());
    if (fresh) {
      for (TaskEntry t : live) {
        TaskStatus s = t.status();
        cluster.notifyFramework(TaskStatus.fromMaster(s.taskId(), s.frameworkId(), s.agentId(), s.state(),
            Reason.AGENT_DRAINING, "agent " + drain.agentId() + " is draining", ctx.nowSeconds()));
      }
    }
    LOG.info("Agent {} is draining ({}; {} live task(s), {} offer(s) rescinded)", drain.agentId(),
        drain.kill() ? "tasks killed after " + drain.gracePeriod() : "tasks left to their frameworks", live.size(),
        rescinded.size());
    tick(ctx.now());
  }

  public void undrain(String agentId) {
    if (drains.remove(agentId) != null) {
      killed.remove(agentId);
      drained.remove(agentId);
      allocatorDraining.accept(agentId, false);
      LOG.info("Agent {} is no longer draining; it is offered again", agentId);
      ctx.allocateSoon().run();
    }
  }

  private List<Offer> rescindOffers(String agentId) {
    List<Offer> rescinded = cluster.offers().removeAgent(agentId);
    for (Offer o : rescinded) {
      cluster.framework(o.frameworkId()).filter(FrameworkEntry::connected)
          .ifPresent(f -> f.channel().rescind(o.id()));
    }
    return rescinded;
  }

  /**
   * Kills the tasks of drains whose grace period is over and notes agents that became DRAINED. Also tells the
   * allocator again that each drained agent is draining, and rescinds any offer of one: a drain recovered from the
   * registry reaches the allocator only once it knows the agent again.
   */
  public void tick(Instant now) {
    for (DrainRecord d : drains.values()) {
      allocatorDraining.accept(d.agentId(), true);
      if (!rescindOffers(d.agentId()).isEmpty()) {
        LOG.info("Rescinded offers of draining agent {} made before the allocator knew of its drain", d.agentId());
      }
      List<TaskEntry> live = liveTasks(d.agentId());
      if (live.isEmpty()) {
        if (drained.add(d.agentId())) {
          LOG.info("Agent {} is DRAINED: no live task left", d.agentId());
        }
        continue;
      }
      drained.remove(d.agentId());
      if (d.kill() && !now.isBefore(d.killAt()) && killed.add(d.agentId())) {
        AgentEntry agent = cluster.agent(d.agentId()).filter(AgentEntry::connected).orElse(null);
        if (agent == null) {
          killed.remove(d.agentId());
          continue;
        }
        for (TaskEntry t : live) {
          agent.channel().killTask(t.key().frameworkId(), t.key().taskId(), null);
        }
        LOG.info("Grace period of draining agent {} is over; killing its {} live task(s)", d.agentId(),
            live.size());
      }
    }
  }

  public List<DrainView> views() {
    List<DrainView> out = new ArrayList<>();
    for (DrainRecord d : drains.values()) {
      int live = liveTasks(d.agentId()).size();
      String hostname = cluster.agent(d.agentId()).map(a -> a.info().hostname()).orElse("");
      out.add(new DrainView(d.agentId(), hostname, live == 0 ? "DRAINED" : "DRAINING", d.since(),
          d.gracePeriod(), d.kill(), live));
    }
    return out;
  }

  private List<TaskEntry> liveTasks(String agentId) {
    List<TaskEntry> out = new ArrayList<>();
    for (TaskEntry t : cluster.tasksOn(agentId)) {
      if (!t.state().isTerminal()) {
        out.add(t);
      }
    }
    return out;
  }
}
