package dev.drover.agent.rpc;

import dev.drover.agent.AgentIdStore;
import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.StatusUpdateManager;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskManager;
import dev.drover.agent.task.TaskView;
import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.TaskInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent says to the master and how it answers. Builds REGISTER (no id yet) or REREGISTER (with the id,
 * the tasks that are live or still have unacknowledged updates, their latest statuses and frameworks), and turns
 * master messages into calls on the {@link TaskManager} and {@link StatusUpdateManager}. Status updates flow only
 * after REGISTERED. Not thread-safe: called on the agent loop.
 */
public final class MasterSession implements MasterLink.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(MasterSession.class);

  /** The fixed part of the agent's self-description. */
  public record Identity(String hostname, int httpPort, Resources resources, List<AgentAttribute> attributes,
      String version) {}

  private final Identity identity;
  private final AgentIdStore ids;
  private final TaskManager tasks;
  private final StatusUpdateManager statuses;
  private final Map<TaskKey, TaskInfo> launched = new HashMap<>();
  private MasterLink link;
  private volatile boolean registered;

  public MasterSession(Identity identity, AgentIdStore ids, TaskManager tasks, StatusUpdateManager statuses) {
    this.identity = identity;
    this.ids = ids;
    this.tasks = tasks;
    this.statuses = statuses;
  }

  public void attach(MasterLink link) {
    this.link = link;
  }

  /** Whether a master has acknowledged this agent on the current stream. Safe from any thread. */
  public boolean registered() {
    return registered;
  }

  @Override
  public AgentMessage registration() {
    Optional<String> id = ids.current();
    AgentInfo.Builder info = AgentInfo.newBuilder()
        .setHostname(identity.hostname())
        .setPort(identity.httpPort())
        .addAllResources(ProtoResources.toProto(identity.resources()))
        .addAllAttributes(AgentProtos.toProto(identity.attributes()))
        .setVersion(identity.version());
    id.ifPresent(v -> info.setId(AgentID.newBuilder().setValue(v)));
    AgentMessage.Register.Builder reg = AgentMessage.Register.newBuilder().setAgentInfo(info);
    Set<String> frameworks = new LinkedHashSet<>();
    for (TaskView t : tasks.tasks()) {
      Optional<StatusUpdate> latest = statuses.latest(t.key());
      if (latest.isEmpty() || (t.state().isTerminal() && !statuses.hasPending(t.key()))) {
        continue;
      }
      TaskInfo original = launched.get(t.key());
      reg.addTasks(original != null ? original : AgentProtos.toProto(
          tasks.spec(t.key()).orElseThrow(), id.orElse("")));
      reg.addTaskStatuses(AgentProtos.toProto(latest.get()));
      frameworks.add(t.key().frameworkId());
    }
    frameworks.forEach(f -> reg.addFrameworks(FrameworkID.newBuilder().setValue(f)));
    return AgentMessage.newBuilder()
        .setType(id.isPresent() ? AgentMessage.Type.REREGISTER : AgentMessage.Type.REGISTER)
        .setRegister(reg).build();
  }

  @Override
  public void onMessage(MasterMessage m) {
    switch (m.getType()) {
      case REGISTERED -> registered(m.getRegistered());
      case RUN_TASKS -> runTasks(m.getRunTasks());
      case KILL_TASK -> {
        MasterMessage.KillTask k = m.getKillTask();
        tasks.kill(new TaskKey(k.getFrameworkId().getValue(), k.getTaskId().getValue()),
            k.hasKillPolicy() ? Optional.of(AgentProtos.grace(k.getKillPolicy())) : Optional.empty(),
            TaskReason.KILLED_BY_FRAMEWORK);
      }
      case STATUS_UPDATE_ACK -> acknowledged(m.getStatusUpdateAck());
      case SHUTDOWN_FRAMEWORK -> tasks.shutdownFramework(m.getShutdownFramework().getFrameworkId().getValue());
      case RECONCILE -> reconcile(m.getReconcile());
      default -> LOG.warn("Ignoring master message of type {}", m.getType());
    }
  }

  @Override
  public void onDisconnected() {
    if (registered) {
      LOG.info("Disconnected from master; status updates wait for the next registration");
    }
    registered = false;
    statuses.disconnected();
  }

  private void registered(MasterMessage.Registered r) {
    String id = r.getAgentId().getValue();
    if (id.isEmpty()) {
      LOG.warn("Master {} sent REGISTERED without an agent id; ignoring", r.getMasterId());
      return;
    }
    if (ids.current().isPresent() && !ids.current().get().equals(id)) {
      LOG.warn("Master {} gave a new agent id {} (was {})", r.getMasterId(), id, ids.current().get());
    }
    if (!ids.current().equals(Optional.of(id))) {
      ids.save(id);
    }
    LOG.info("Registered as agent {} with master {}", id, r.getMasterId());
    registered = true;
    if (r.getPingIntervalSeconds() > 0) {
      link.pingInterval(Duration.ofMillis(Math.round(r.getPingIntervalSeconds() * 1000)));
    }
    link.registered();
    statuses.connected(u -> link.send(AgentProtos.statusMessage(u)));
  }

  private void runTasks(MasterMessage.RunTasks run) {
    String fw = run.getFramework().getId().getValue();
    for (TaskInfo info : run.getTasksList()) {
      TaskKey key = new TaskKey(fw, info.getTaskId().getValue());
      try {
        if (fw.isEmpty()) {
          throw new IllegalArgumentException("RUN_TASKS without a framework id");
        }
        var spec = AgentProtos.toSpec(fw, info);
        boolean wasLive = tasks.task(key).map(t -> !t.state().isTerminal()).orElse(false);
        tasks.run(spec);
        if (!wasLive) {
          launched.put(key, info);
        }
      } catch (IllegalArgumentException e) {
        tasks.reject(key, TaskReason.TASK_INVALID, e.getMessage());
      }
    }
    launched.keySet().removeIf(k -> tasks.task(k).isEmpty());
  }

  private void acknowledged(MasterMessage.StatusUpdateAck ack) {
    TaskKey key = new TaskKey(ack.getFrameworkId().getValue(), ack.getTaskId().getValue());
    Optional<java.util.UUID> uuid = AgentProtos.uuid(ack.getUuid());
    if (uuid.isEmpty()) {
      LOG.warn("Acknowledgement for {} has a malformed uuid; ignoring", key);
      return;
    }
    statuses.acknowledge(key, uuid.get());
    boolean done = tasks.task(key).map(t -> t.state().isTerminal()).orElse(true);
    if (done && !statuses.hasPending(key)) {
      launched.remove(key);
      if (tasks.task(key).isEmpty()) {
        statuses.forget(key);
      }
    }
  }

  private void reconcile(MasterMessage.Reconcile r) {
    for (int i = 0; i < r.getTaskIdsCount(); i++) {
      String fw = i < r.getFrameworkIdsCount() ? r.getFrameworkIds(i).getValue() : "";
      TaskKey key = new TaskKey(fw, r.getTaskIds(i).getValue());
      Optional<StatusUpdate> latest = statuses.latest(key);
      if (tasks.task(key).isPresent()) {
        // no durable update yet: its first one is being checkpointed and goes out as soon as it is on disk
        latest.ifPresent(u -> link.send(AgentProtos.statusMessage(u)));
      } else {
        LOG.info("Master reconciles task {}, unknown here; reporting it gone", key);
        tasks.gone(key, TaskReason.RECONCILIATION);
      }
    }
  }
}
