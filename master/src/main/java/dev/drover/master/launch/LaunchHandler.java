package dev.drover.master.launch;

import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.offer.Offer;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.TaskKey;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCEPT: validates the launch, answers refused tasks with an UPDATE, records the valid ones STAGING and sends them
 * to the agent. The offers are used up; what they held beyond the launched tasks returns to the pool, filtered for
 * this framework as the accept's filters say. Runs on the serial loop.
 */
public final class LaunchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LaunchHandler.class);

  private final MasterContext ctx;
  private final Cluster cluster;

  public LaunchHandler(MasterContext ctx) {
    this.ctx = ctx;
    this.cluster = ctx.cluster();
  }

  public void accept(FrameworkEntry framework, FrameworkCall.Accept accept) {
    Duration refuse = ctx.refuse(accept.refuseSeconds());
    if (!accept.launch()) {
      List<Offer> declined = cluster.offers().decline(framework.id(), accept.offerIds(), refuse, ctx.now());
      LOG.info("Framework {} accepted {} offer(s) with no operation: declined for {}", framework.id(),
          declined.size(), refuse);
      ctx.allocateSoon().run();
      return;
    }
    LaunchPlan plan = LaunchValidator.validate(framework.id(), accept.offerIds(), cluster.offers()::get,
        accept.tasks(), id -> cluster.task(new TaskKey(framework.id(), id))
            .map(t -> !t.state().isTerminal()).orElse(false));
    for (Offer o : plan.offers()) {
      cluster.offers().remove(o.id());
    }
    for (LaunchPlan.Rejection r : plan.rejected()) {
      refuseTask(framework, plan.agentId(), r.task(), r.state(), r.reason(), r.message());
    }
    if (!plan.offersValid()) {
      LOG.warn("Framework {} accepted invalid offers {}: {}; dropped {} task(s)", framework.id(),
          accept.offerIds(), plan.offersProblem(), plan.rejected().size());
      ctx.allocateSoon().run();
      return;
    }
    Optional<AgentEntry> agent = cluster.agent(plan.agentId()).filter(AgentEntry::connected);
    if (agent.isEmpty()) {
      for (TaskSpec t : plan.accepted()) {
        refuseTask(framework, plan.agentId(), t, TaskState.DROPPED, Reason.AGENT_DISCONNECTED,
            "agent " + plan.agentId() + " is not connected");
      }
      return;
    }
    if (!plan.accepted().isEmpty()) {
      List<TaskSpec> launch = new ArrayList<>();
      for (TaskSpec t : plan.accepted()) {
        launch.add(t.withAgentId(plan.agentId()));
        cluster.putTask(new TaskKey(framework.id(), t.taskId()), plan.agentId(), t.name(), t.resources(),
            TaskStatus.fromMaster(t.taskId(), framework.id(), plan.agentId(), TaskState.STAGING,
                Reason.UNSPECIFIED, "", ctx.nowSeconds()));
      }
      agent.get().channel().runTasks(framework.id(), framework.info(), launch);
      LOG.info("Launching {} task(s) {} of framework {} on agent {} ({})", launch.size(),
          launch.stream().map(TaskSpec::taskId).toList(), framework.id(), plan.agentId(),
          agent.get().info().hostname());
    }
    cluster.offers().filter(framework.id(), plan.agentId(), refuse, ctx.now());
    ctx.allocateSoon().run();
  }

  private void refuseTask(FrameworkEntry framework, String agentId, TaskSpec task, TaskState state, Reason reason,
      String message) {
    LOG.info("Refusing task '{}' of framework {}: {} ({})", task.taskId(), framework.id(), state, message);
    cluster.notifyFramework(TaskStatus.fromMaster(task.taskId(), framework.id(), agentId == null ? "" : agentId,
        state, reason, message, ctx.nowSeconds()));
  }
}
