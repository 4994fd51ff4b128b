package dev.drover.testkit;

import com.google.protobuf.ByteString;
import dev.drover.model.TaskState;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.Reason;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.sdk.toolkit.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated tasks of one {@link SimulatedAgent} and their status updates, each re-sent until acknowledged, one at
 * a time per task, as a real agent does. Not thread-safe: owned by the agent's loop.
 */
final class SimTasks {
  static final class Sim {
    final String frameworkId;
    final TaskInfo info;
    TaskState state = TaskState.STAGING;
    TaskStatus latest;
    final Deque<TaskStatus> unacked = new ArrayDeque<>();
    Timer.Cancellable end;

    Sim(String frameworkId, TaskInfo info) {
      this.frameworkId = frameworkId;
      this.info = info;
    }
  }

  private final Map<String, Sim> tasks = new LinkedHashMap<>();
  private final Function<SimulatedTask, TaskBehavior> behavior;
  private final Timer timer;
  private final Consumer<Runnable> loop;
  private final Consumer<AgentMessage> send;
  private String agentId = "";
  private boolean connected;

  SimTasks(Function<SimulatedTask, TaskBehavior> behavior, Timer timer, Consumer<Runnable> loop,
      Consumer<AgentMessage> send) {
    this.behavior = behavior;
    this.timer = timer;
    this.loop = loop;
    this.send = send;
  }

  void connected(String id) {
    agentId = id;
    connected = true;
    resendHeads();
  }

  void disconnected() {
    connected = false;
  }

  void resendHeads() {
    if (connected) {
      tasks.values().forEach(t -> {
        if (!t.unacked.isEmpty()) {
          send.accept(message(t, t.unacked.peek()));
        }
      });
    }
  }

  void run(String frameworkId, TaskInfo info) {
    String id = info.getTaskId().getValue();
    if (tasks.containsKey(id) && !tasks.get(id).state.isTerminal()) {
      return;
    }
    Sim t = new Sim(frameworkId, info);
    tasks.put(id, t);
    TaskBehavior b = behavior.apply(new SimulatedTask(frameworkId, id, info.getName(), info.getCommand().getValue(),
        info.getLabelsList().stream().collect(Collectors.toMap(l -> l.getKey(), l -> l.getValue(), (x, y) -> y))));
    if (b.failToStart()) {
      update(t, TaskState.FAILED, Reason.REASON_CONTAINER_LAUNCH_FAILED, "simulated launch failure", null, null);
      return;
    }
    update(t, TaskState.STARTING, Reason.REASON_STARTED, "", null, null);
    update(t, TaskState.RUNNING, Reason.REASON_STARTED, "", null, b.healthy().orElse(null));
    b.runTime().ifPresent(d -> t.end = timer.schedule(d, () -> loop.accept(() -> exit(id, b.exitCode()))));
  }

  boolean exit(String taskId, int code) {
    Sim t = tasks.get(taskId);
    if (t == null || t.state.isTerminal()) {
      return false;
    }
    cancel(t);
    update(t, code == 0 ? TaskState.FINISHED : TaskState.FAILED, Reason.REASON_EXITED, "exited with " + code,
        code, null);
    return true;
  }

  void kill(String taskId) {
    Sim t = tasks.get(taskId);
    if (t != null && !t.state.isTerminal()) {
      cancel(t);
      update(t, TaskState.KILLED, Reason.REASON_KILLED_BY_FRAMEWORK, "killed", null, null);
    }
  }

  void shutdownFramework(String frameworkId) {
    tasks.values().stream().filter(t -> t.frameworkId.equals(frameworkId)).map(t -> t.info.getTaskId().getValue())
        .toList().forEach(this::kill);
  }

  void acknowledged(String taskId, ByteString uuid) {
    Sim t = tasks.get(taskId);
    if (t != null && !t.unacked.isEmpty() && t.unacked.peek().getUuid().equals(uuid)) {
      t.unacked.poll();
      if (!t.unacked.isEmpty() && connected) {
        send.accept(message(t, t.unacked.peek()));
      }
    }
  }

  void reconcile(String taskId) {
    Sim t = tasks.get(taskId);
    if (t != null && t.latest != null) {
      send.accept(message(t, t.latest));
    }
  }

  /** Tasks to report in REREGISTER: live ones and ended ones with updates not yet acknowledged. */
  Collection<Sim> toReport() {
    return tasks.values().stream().filter(t -> !t.state.isTerminal() || !t.unacked.isEmpty()).toList();
  }

  Set<String> live() {
    return tasks.values().stream().filter(t -> !t.state.isTerminal()).map(t -> t.info.getTaskId().getValue())
        .collect(Collectors.toUnmodifiableSet());
  }

  private void update(Sim t, TaskState state, Reason reason, String message, Integer exit, Boolean healthy) {
    t.state = state;
    UUID u = UUID.randomUUID();
    TaskStatus.Builder s = TaskStatus.newBuilder().setTaskId(t.info.getTaskId())
        .setState(ProtoResources.toProto(state)).setReason(reason).setMessage(message)
        .setSource(TaskStatus.Source.SOURCE_AGENT)
        .setUuid(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits()).array()))
        .setTimestamp(timer.now().toEpochMilli() / 1000.0)
        .setAgentId(AgentID.newBuilder().setValue(agentId))
        .setFrameworkId(FrameworkID.newBuilder().setValue(t.frameworkId))
        .setContainerId("sim-" + t.info.getTaskId().getValue());
    if (exit != null) {
      s.setExitCode(exit).setHasExitCode(true);
    }
    if (healthy != null) {
      s.setHealthy(healthy).setHasHealthy(true);
    }
    t.latest = s.build();
    t.unacked.add(t.latest);
    if (t.unacked.size() == 1 && connected) {
      send.accept(message(t, t.latest));
    }
  }

  private static void cancel(Sim t) {
    if (t.end != null) {
      t.end.cancel();
    }
  }

  private AgentMessage message(Sim t, TaskStatus s) {
    TaskStatus withAgent = s.toBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)).build();
    return AgentMessage.newBuilder().setType(AgentMessage.Type.STATUS_UPDATE)
        .setStatusUpdate(AgentMessage.StatusUpdate.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(t.frameworkId)).setStatus(withAgent))
        .build();
  }
}
