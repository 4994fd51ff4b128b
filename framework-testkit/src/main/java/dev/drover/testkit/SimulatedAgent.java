package dev.drover.testkit;

import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.DomainInfo;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.sdk.toolkit.Timer;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;

/**
 * An agent whose tasks are simulated: it speaks the real AgentService protocol over gRPC to the leading master (found
 * in ZooKeeper) — REGISTER/REREGISTER, PING/PONG, RUN_TASKS, KILL_TASK, acknowledgements, RECONCILE,
 * SHUTDOWN_FRAMEWORK — but runs no processes. All state lives on one loop thread.
 */
final class SimulatedAgent implements ClusterAgent, AutoCloseable {
  private final String hostname;
  private final Resources resources;
  private final Map<String, String> attributes;
  private final ScheduledExecutorService loop;
  private final CuratorFramework curator;
  private final LeaderTracker tracker;
  private final SimTasks tasks;
  private volatile String agentId;
  private LeaderInfo leader;
  private ManagedChannel channel;
  private StreamObserver<AgentMessage> out;
  private int generation;
  private boolean partitioned;
  private boolean closed;

  SimulatedAgent(String zk, String hostname, Resources resources, Map<String, String> attributes,
      Function<SimulatedTask, TaskBehavior> behavior, Optional<Timer> manualTimer) {
    this.hostname = hostname;
    this.resources = resources;
    this.attributes = Map.copyOf(attributes);
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-agent-" + hostname);
      t.setDaemon(true);
      return t;
    });
    Timer timer = manualTimer.orElse(Timer.of(loop));
    this.tasks = new SimTasks(behavior, timer, this::post, this::send);
    this.curator = ZkClients.start(zk, Duration.ofSeconds(2));
    this.tracker = new LeaderTracker(curator, ZkPaths.MASTER_LEADER);
    tracker.addListener(l -> post(() -> leaderChanged(l)));
    tracker.start();
    loop.execute(() -> leaderChanged(tracker.leader()));
    loop.scheduleWithFixedDelay(tasks::resendHeads, 1, 1, TimeUnit.SECONDS);
  }

  private void leaderChanged(Optional<LeaderInfo> next) {
    if (next.orElse(null) == null ? leader == null : next.get().equals(leader)) {
      return;
    }
    leader = next.orElse(null);
    drop();
    connect();
  }

  private void connect() {
    if (closed || partitioned || leader == null || out != null) {
      return;
    }
    int gen = ++generation;
    channel = NettyChannelBuilder.forTarget(leader.grpcTarget()).usePlaintext().build();
    out = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
      @Override
      public void onNext(MasterMessage m) {
        post(() -> {
          if (gen == generation) {
            received(m);
          }
        });
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

  private void lost(int gen) {
    post(() -> {
      if (gen == generation) {
        drop();
        loop.schedule(this::connect, 100, TimeUnit.MILLISECONDS);
      }
    });
  }

  private void drop() {
    generation++;
    tasks.disconnected();
    if (out != null) {
      try {
        out.onCompleted();
      } catch (RuntimeException ignored) {
        // the stream is already gone
      }
      out = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  private void received(MasterMessage m) {
    switch (m.getType()) {
      case REGISTERED -> {
        agentId = m.getRegistered().getAgentId().getValue();
        tasks.connected(agentId);
      }
      case PING -> send(AgentMessage.newBuilder().setType(AgentMessage.Type.PONG)
          .setPong(AgentMessage.Pong.newBuilder().setSequence(m.getPing().getSequence())).build());
      case RUN_TASKS -> m.getRunTasks().getTasksList()
          .forEach(t -> tasks.run(m.getRunTasks().getFramework().getId().getValue(), t));
      case KILL_TASK -> tasks.kill(m.getKillTask().getTaskId().getValue());
      case STATUS_UPDATE_ACK -> tasks.acknowledged(m.getStatusUpdateAck().getTaskId().getValue(),
          m.getStatusUpdateAck().getUuid());
      case SHUTDOWN_FRAMEWORK -> tasks.shutdownFramework(m.getShutdownFramework().getFrameworkId().getValue());
      case RECONCILE -> m.getReconcile().getTaskIdsList().forEach(id -> tasks.reconcile(id.getValue()));
      default -> { }
    }
  }

  private void send(AgentMessage m) {
    if (out != null) {
      out.onNext(m);
    }
  }

  private AgentMessage registration() {
    AgentInfo.Builder info = AgentInfo.newBuilder().setHostname(hostname).setVersion("simulated")
        .addAllResources(ProtoResources.toProto(resources));
    attributes.forEach((k, v) -> info.addAttributes(
        Attribute.newBuilder().setName(k).setType(Attribute.Type.TEXT).setText(v)));
    if (attributes.containsKey("region") || attributes.containsKey("zone")) {
      info.setDomain(DomainInfo.newBuilder().setRegion(attributes.getOrDefault("region", ""))
          .setZone(attributes.getOrDefault("zone", "")));
    }
    AgentMessage.Register.Builder reg = AgentMessage.Register.newBuilder();
    boolean known = agentId != null;
    if (known) {
      info.setId(AgentID.newBuilder().setValue(agentId));
      Set<String> frameworks = new LinkedHashSet<>();
      for (SimTasks.Sim t : tasks.toReport()) {
        reg.addTasks(t.info.toBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)));
        reg.addTaskStatuses(t.latest);
        frameworks.add(t.frameworkId);
      }
      frameworks.forEach(f -> reg.addFrameworks(FrameworkID.newBuilder().setValue(f)));
    }
    return AgentMessage.newBuilder().setType(known ? AgentMessage.Type.REREGISTER : AgentMessage.Type.REGISTER)
        .setRegister(reg.setAgentInfo(info)).build();
  }

  @Override
  public Optional<String> agentId() {
    return Optional.ofNullable(agentId);
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public Set<String> liveTasks() {
    return call(tasks::live);
  }

  @Override
  public void partition() {
    run(() -> {
      partitioned = true;
      drop();
    });
  }

  @Override
  public void heal() {
    run(() -> {
      partitioned = false;
      connect();
    });
  }

  @Override
  public void restart() {
    run(() -> {
      drop();
      connect();
    });
  }

  @Override
  public boolean killTask(String taskId) {
    return call(() -> tasks.exit(taskId, 137));
  }

  @Override
  public void close() {
    run(() -> {
      closed = true;
      drop();
    });
    loop.shutdownNow();
    tracker.close();
    curator.close();
  }

  /** Runs {@code r} on the loop; dropped once the agent is closed (late gRPC and ZooKeeper callbacks). */
  private void post(Runnable r) {
    try {
      loop.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
      // closed: nothing to do
    }
  }

  private void run(Runnable r) {
    call(() -> {
      r.run();
      return null;
    });
  }

  private <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return loop.submit(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("simulated agent " + hostname + " did not answer", e);
    }
  }
}
