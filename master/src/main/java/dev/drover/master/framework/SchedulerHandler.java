package dev.drover.master.framework;

import dev.drover.master.failover.AgentRecovery;
import dev.drover.master.launch.LaunchHandler;
import dev.drover.master.offer.Offer;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handles what frameworks send: SUBSCRIBE and every later call, and disconnection. Runs on the serial loop. */
public final class SchedulerHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerHandler.class);

  private final MasterContext ctx;
  private final Cluster cluster;
  private final LaunchHandler launches;
  private final AgentRecovery recovery;
  private final Consumer<FrameworkEntry> removed;

  public SchedulerHandler(MasterContext ctx) {
    this(ctx, null, f -> {});
  }

  /**
   * @param recovery the re-registration window, to defer reconciliation of tasks on agents not back yet (or null)
   * @param removed told after a framework is torn down and forgotten (to drop it from the registry)
   */
  public SchedulerHandler(MasterContext ctx, AgentRecovery recovery, Consumer<FrameworkEntry> removed) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
    this.launches = new LaunchHandler(ctx);
    this.recovery = recovery;
    this.removed = removed;
  }

  public void subscribe(FrameworkChannel channel, String requestedId, FrameworkDescriptor info,
      List<String> suppressedRoles) {
    String id = requestedId != null && !requestedId.isBlank() ? requestedId : UUID.randomUUID() + "-F0";
    boolean resubscribe = cluster.framework(id).isPresent();
    Optional<FrameworkChannel> old = cluster.connectFramework(id, info, channel).filter(o -> o != channel);
    if (old.isPresent()) {
      cluster.offers().removeFramework(id);
      old.get().error("framework " + id + " subscribed on another connection");
      LOG.info("Framework {} subscribed on a new stream; closed the old one", id);
    }
    FrameworkEntry f = cluster.framework(id).orElseThrow();
    f.suppressedRoles(suppressedRoles);
    channel.subscribed(id, ctx.heartbeatInterval(), ctx.masterId());
    LOG.info("Framework {} ('{}', roles {}) {}", id, info.name(), info.roles(),
        resubscribe ? "re-subscribed" : "subscribed");
    ctx.allocateSoon().run();
  }

  public void call(FrameworkChannel channel, String frameworkId, FrameworkCall call) {
    Optional<String> bound = cluster.frameworkIdOf(channel);
    if (bound.isEmpty()) {
      channel.error("this stream is not subscribed");
      return;
    }
    if (!bound.get().equals(frameworkId)) {
      String id = bound.get();
      disconnected(channel);
      channel.error("call " + call.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT) + " carries framework id '"
          + frameworkId + "' but this stream is subscribed as '" + id + "'");
      return;
    }
    FrameworkEntry f = cluster.framework(frameworkId).orElseThrow();
    if (call instanceof FrameworkCall.Accept a) {
      launches.accept(f, a);
    } else if (call instanceof FrameworkCall.Decline d) {
      List<Offer> declined = cluster.offers().decline(f.id(), d.offerIds(), ctx.refuse(d.refuseSeconds()),
          ctx.now());
      LOG.debug("Framework {} declined {} offer(s)", f.id(), declined.size());
      ctx.allocateSoon().run();
    } else if (call instanceof FrameworkCall.Revive r) {
      f.revive(r.roles());
      cluster.offers().clearFilters(f.id());  // filters are per agent, not per role: a REVIVE of any role clears them
      LOG.info("Framework {} revived offers for {}", f.id(), r.roles().isEmpty() ? "all its roles" : r.roles());
      ctx.allocateSoon().run();
    } else if (call instanceof FrameworkCall.Suppress s) {
      f.suppress(s.roles());
      LOG.info("Framework {} suppressed offers for {}", f.id(), s.roles().isEmpty() ? "all its roles" : s.roles());
    } else if (call instanceof FrameworkCall.Kill k) {
      kill(f, k);
    } else if (call instanceof FrameworkCall.Acknowledge a) {
      acknowledge(f, a);
    } else if (call instanceof FrameworkCall.Reconcile r) {
      reconcile(f, r);
    } else if (call instanceof FrameworkCall.Teardown) {
      teardown(f, channel);
    } else if (call instanceof FrameworkCall.UpdateFramework u) {
      f.info(u.info());
      LOG.info("Framework {} updated its info ('{}', roles {})", f.id(), u.info().name(), u.info().roles());
    } else if (call instanceof FrameworkCall.Unsupported u) {
      LOG.warn("Framework {} sent {}, which is not supported yet; ignored", f.id(), u.what());
    }
  }

  private void kill(FrameworkEntry f, FrameworkCall.Kill k) {
    Optional<TaskEntry> task = cluster.task(new TaskKey(f.id(), k.taskId()));
    if (task.isEmpty()) {
      LOG.info("Framework {} asked to kill unknown task {}", f.id(), k.taskId());
      cluster.notifyFramework(TaskStatus.fromMaster(k.taskId(), f.id(), k.agentId(), unknownState(f),
          Reason.TASK_UNKNOWN, "task " + k.taskId() + " is unknown to the master", ctx.nowSeconds()));
      return;
    }
    TaskEntry t = task.get();
    if (t.state().isTerminal()) {
      cluster.notifyFramework(t.status().forReconciliation(ctx.nowSeconds()));
      return;
    }
    Optional<AgentEntry> agent = cluster.agent(t.agentId()).filter(AgentEntry::connected);
    if (agent.isEmpty()) {
      LOG.warn("Cannot kill task {} of framework {} now: agent {} is not connected", k.taskId(), f.id(),
          t.agentId());
      return;
    }
    agent.get().channel().killTask(f.id(), k.taskId(), k.gracePeriodSeconds());
    LOG.info("Killing task {} of framework {} on agent {}", k.taskId(), f.id(), t.agentId());
  }

  private void acknowledge(FrameworkEntry f, FrameworkCall.Acknowledge a) {
    Optional<AgentEntry> agent = cluster.agent(a.agentId()).filter(AgentEntry::connected);
    if (agent.isEmpty()) {
      LOG.info("Dropping acknowledgement for task {} of framework {}: agent {} is not connected", a.taskId(),
          f.id(), a.agentId());
      return;
    }
    agent.get().channel().acknowledge(f.id(), a.taskId(), a.uuid());
    LOG.debug("Relayed acknowledgement for task {} of framework {} to agent {}", a.taskId(), f.id(), a.agentId());
  }

  private void reconcile(FrameworkEntry f, FrameworkCall.Reconcile r) {
    double now = ctx.nowSeconds();
    if (r.taskIds().isEmpty()) {
      List<TaskEntry> tasks = cluster.tasksOf(f.id());
      tasks.forEach(t -> cluster.notifyFramework(t.status().forReconciliation(now)));
      LOG.info("Framework {} reconciled implicitly: {} task(s)", f.id(), tasks.size());
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    int deferred = 0;
    for (int i = 0; i < r.taskIds().size(); i++) {
      String id = r.taskIds().get(i);
      if (!ids.add(id)) {
        continue;
      }
      Optional<TaskEntry> known = cluster.task(new TaskKey(f.id(), id));
      String agentId = r.agentOf(i);
      if (known.isEmpty() && recovery != null && !agentId.isEmpty() && recovery.recovering(agentId)) {
        recovery.defer(f.id(), id, agentId);
        deferred++;
        continue;
      }
      TaskStatus status = known.map(t -> t.status().forReconciliation(now))
          .orElseGet(() -> unknownTask(f, id, agentId, now));
      cluster.notifyFramework(status);
    }
    LOG.info("Framework {} reconciled {} task(s) explicitly{}", f.id(), ids.size(),
        deferred == 0 ? "" : "; " + deferred + " deferred until their agents re-register");
  }

  private TaskStatus unknownTask(FrameworkEntry f, String id, String agentId, double now) {
    boolean unreachable = !agentId.isEmpty() && cluster.agent(agentId)
        .map(a -> a.state() == AgentState.UNREACHABLE).orElse(false);
    if (unreachable) {
      boolean aware = f.info().partitionAware();
      return TaskStatus.fromMaster(id, f.id(), agentId, aware ? TaskState.UNREACHABLE : TaskState.LOST,
          Reason.AGENT_UNREACHABLE, "agent " + agentId + " is unreachable", now);
    }
    return TaskStatus.fromMaster(id, f.id(), agentId, unknownState(f), Reason.RECONCILIATION,
        "task " + id + " is unknown to the master", now);
  }

  private void teardown(FrameworkEntry f, FrameworkChannel channel) {
    remove(f, "it asked to be torn down");
    channel.error("framework " + f.id() + " was torn down");
  }

  /**
   * Tears the framework down: every connected agent running its tasks is told to shut it down (killing them), its
   * offers and filters go, and the master forgets it and its tasks.
   */
  public void remove(FrameworkEntry f, String why) {
    Set<String> agents = new LinkedHashSet<>();
    for (TaskEntry t : cluster.tasksOf(f.id())) {
      if (!t.state().isTerminal()) {
        agents.add(t.agentId());
      }
    }
    for (String agentId : agents) {
      cluster.agent(agentId).filter(AgentEntry::connected)
          .ifPresent(a -> a.channel().shutdownFramework(f.id()));
    }
    cluster.offers().removeFramework(f.id());
    cluster.offers().clearFilters(f.id());
    cluster.removeFramework(f.id());
    LOG.info("Framework {} ('{}') torn down ({}); asked {} agent(s) to shut it down", f.id(), f.info().name(),
        why, agents.size());
    removed.accept(f);
    ctx.allocateSoon().run();
  }

  public void disconnected(FrameworkChannel channel) {
    cluster.disconnectFramework(channel).ifPresent(f -> {
      f.disconnectedAt(ctx.now());
      int returned = cluster.offers().removeFramework(f.id()).size();
      LOG.info("Framework {} disconnected; {} offer(s) returned, its tasks stay for its failover timeout of {} s",
          f.id(), returned, f.info().failoverTimeoutSeconds());
      ctx.allocateSoon().run();
    });
  }

  public void heartbeatAll() {
    for (FrameworkEntry f : cluster.frameworks()) {
      if (f.connected()) {
        f.channel().heartbeat();
      }
    }
  }

  private static TaskState unknownState(FrameworkEntry f) {
    return f.info().partitionAware() ? TaskState.UNKNOWN : TaskState.LOST;
  }
}
