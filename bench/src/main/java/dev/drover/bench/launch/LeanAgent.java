package dev.drover.bench.launch;

import com.google.protobuf.ByteString;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.Resource;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskState;
import dev.drover.proto.v1.TaskStatus;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A lean simulated agent for the whole-stack benchmarks: it speaks AgentService (REGISTER/REREGISTER, PING→PONG,
 * RUN_TASKS → RUNNING, then FINISHED when {@code finish} is set, one unacknowledged update at a time per task,
 * STATUS_UPDATE_ACK) over a channel shared with other agents. No thread of its own: its state is guarded by its
 * monitor; callbacks run on the gRPC threads, reconnects on a shared timer (100 ms doubling to 2 s, as MasterLink).
 */
public final class LeanAgent {
  /** What the fleet sees of the agents. */
  public interface Listener {
    default void registered(LeanAgent agent, boolean reregistered) {}

    default void running(String taskId) {}
  }

  private static final class Task {
    final String frameworkId;
    final TaskInfo info;
    TaskStatus latest;
    final Deque<TaskStatus> unacked = new ArrayDeque<>();

    Task(String frameworkId, TaskInfo info) {
      this.frameworkId = frameworkId;
      this.info = info;
    }
  }

  private final String hostname;
  private final List<Resource> resources;
  private final boolean finish;
  private final Supplier<ManagedChannel> channels;
  private final ScheduledExecutorService timer;
  private final Listener listener;
  private final Map<String, Task> tasks = new HashMap<>();
  private String agentId;
  private StreamObserver<AgentMessage> out;
  private int generation;
  private long backoffMs = 100;
  private boolean registered;
  private boolean closed;

  public LeanAgent(String hostname, List<Resource> resources, boolean finish, Supplier<ManagedChannel> channels,
      ScheduledExecutorService timer, Listener listener) {
    this.hostname = hostname;
    this.resources = resources;
    this.finish = finish;
    this.channels = channels;
    this.timer = timer;
    this.listener = listener;
  }

  public synchronized String agentId() {
    return agentId;
  }

  public synchronized boolean isRegistered() {
    return registered;
  }

  public synchronized int liveTasks() {
    return (int) tasks.values().stream().filter(t -> t.latest.getState() == TaskState.TASK_RUNNING).count();
  }

  /** Adopts tasks as if they had been running before (for the failover benchmark). */
  public synchronized void adopt(String frameworkId, TaskInfo info) {
    Task t = new Task(frameworkId, info);
    t.latest = status(t, TaskState.TASK_RUNNING);
    tasks.put(info.getTaskId().getValue(), t);
  }

  /** Drops the stream (if any) and connects to the current leader now. */
  public synchronized void reconnect() {
    drop();
    backoffMs = 100;
    connect();
  }

  public synchronized void close() {
    closed = true;
    drop();
  }

  private void connect() {
    if (closed || out != null) {
      return;
    }
    ManagedChannel channel = channels.get();
    if (channel == null) {
      retry(generation);
      return;
    }
    int gen = ++generation;
    out = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
      @Override
      public void onNext(MasterMessage m) {
        received(gen, m);
      }

      @Override
      public void onError(Throwable t) {
        lost(gen);
      }

      @Override
      public void onCompleted() {
        lost(gen);
      }
    });
    out.onNext(registration());
  }

  private synchronized void lost(int gen) {
    if (gen == generation) {
      drop();
      retry(generation);
    }
  }

  private void retry(int gen) {
    long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
    backoffMs = Math.min(2000, backoffMs * 2);
    timer.schedule(() -> {
      synchronized (this) {
        if (gen == generation) {
          connect();
        }
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void drop() {
    generation++;
    registered = false;
    if (out != null) {
      try {
        out.onCompleted();
      } catch (RuntimeException ignored) {
        // already gone
      }
      out = null;
    }
  }

  private synchronized void received(int gen, MasterMessage m) {
    if (gen != generation) {
      return;
    }
    switch (m.getType()) {
      case REGISTERED -> {
        boolean again = agentId != null;
        agentId = m.getRegistered().getAgentId().getValue();
        registered = true;
        backoffMs = 100;
        tasks.values().forEach(t -> {
          if (!t.unacked.isEmpty()) {
            send(t, t.unacked.peek());
          }
        });
        listener.registered(this, again);
      }
      case PING -> out.onNext(AgentMessage.newBuilder().setType(AgentMessage.Type.PONG)
          .setPong(AgentMessage.Pong.newBuilder().setSequence(m.getPing().getSequence())).build());
      case RUN_TASKS -> {
        String fw = m.getRunTasks().getFramework().getId().getValue();
        for (TaskInfo info : m.getRunTasks().getTasksList()) {
          Task t = new Task(fw, info);
          tasks.put(info.getTaskId().getValue(), t);
          update(t, TaskState.TASK_RUNNING);
        }
      }
      case STATUS_UPDATE_ACK -> acknowledged(m.getStatusUpdateAck().getTaskId().getValue(),
          m.getStatusUpdateAck().getUuid());
      case KILL_TASK -> {
        Task t = tasks.get(m.getKillTask().getTaskId().getValue());
        if (t != null && t.latest.getState() == TaskState.TASK_RUNNING) {
          update(t, TaskState.TASK_KILLED);
        }
      }
      default -> { }
    }
  }

  private void acknowledged(String taskId, ByteString uuid) {
    Task t = tasks.get(taskId);
    if (t == null || t.unacked.isEmpty() || !t.unacked.peek().getUuid().equals(uuid)) {
      return;
    }
    TaskStatus acked = t.unacked.poll();
    if (acked.getState() == TaskState.TASK_RUNNING) {
      listener.running(taskId);
      if (finish) {
        update(t, TaskState.TASK_FINISHED);
      }
    }
    if (t.unacked.isEmpty() && t.latest.getState() != TaskState.TASK_RUNNING) {
      tasks.remove(taskId);
    } else if (!t.unacked.isEmpty()) {
      send(t, t.unacked.peek());
    }
  }

  private void update(Task t, TaskState state) {
    t.latest = status(t, state);
    t.unacked.add(t.latest);
    if (t.unacked.size() == 1) {
      send(t, t.latest);
    }
  }

  private TaskStatus status(Task t, TaskState state) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(state)
        .setSource(TaskStatus.Source.SOURCE_AGENT)
        .setUuid(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(r.nextLong()).putLong(r.nextLong()).array()))
        .setTimestamp(System.currentTimeMillis() / 1000.0)
        .setAgentId(AgentID.newBuilder().setValue(agentId == null ? "" : agentId))
        .setFrameworkId(FrameworkID.newBuilder().setValue(t.frameworkId)).build();
  }

  private void send(Task t, TaskStatus s) {
    if (out != null && registered) {
      out.onNext(AgentMessage.newBuilder().setType(AgentMessage.Type.STATUS_UPDATE)
          .setStatusUpdate(AgentMessage.StatusUpdate.newBuilder()
              .setFrameworkId(FrameworkID.newBuilder().setValue(t.frameworkId)).setStatus(s)).build());
    }
  }

  private AgentMessage registration() {
    AgentInfo.Builder info = AgentInfo.newBuilder().setHostname(hostname).setVersion("bench")
        .addAllResources(resources);
    AgentMessage.Register.Builder reg = AgentMessage.Register.newBuilder();
    boolean known = agentId != null;
    if (known) {
      info.setId(AgentID.newBuilder().setValue(agentId));
      Set<String> frameworks = new LinkedHashSet<>();
      for (Task t : tasks.values()) {
        reg.addTasks(t.info.toBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)));
        reg.addTaskStatuses(t.latest.toBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)));
        frameworks.add(t.frameworkId);
      }
      frameworks.forEach(f -> reg.addFrameworks(FrameworkID.newBuilder().setValue(f)));
    }
    return AgentMessage.newBuilder().setType(known ? AgentMessage.Type.REREGISTER : AgentMessage.Type.REGISTER)
        .setRegister(reg.setAgentInfo(info)).build();
  }
}
