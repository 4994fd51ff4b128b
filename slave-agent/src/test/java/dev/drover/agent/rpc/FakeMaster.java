package dev.drover.agent.rpc;

import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;

/**
 * A stand-in master for agent tests: a real gRPC server on 127.0.0.1 that records every agent message, answers
 * REGISTER/REREGISTER with REGISTERED, acknowledges status updates when {@code autoAck} is on, and publishes itself
 * as leader in ZooKeeper. Thread-safe.
 */
final class FakeMaster implements AutoCloseable {
  /** An agent message and the number of the stream it came on (1 = first). */
  record Received(int stream, AgentMessage message) {}

  private final String id;
  private final Server server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean autoAck = true;
  private volatile double pingIntervalSeconds = 30;
  private volatile StreamObserver<MasterMessage> current;
  private int streams;
  private CuratorFramework zk;

  FakeMaster(String id) throws IOException {
    this.id = id;
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new AgentServiceGrpc.AgentServiceImplBase() {
          @Override
          public StreamObserver<AgentMessage> connect(StreamObserver<MasterMessage> out) {
            int stream;
            synchronized (FakeMaster.this) {
              stream = ++streams;
              current = out;
            }
            return new StreamObserver<>() {
              @Override
              public void onNext(AgentMessage m) {
                received.add(new Received(stream, m));
                answer(out, m);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {
                synchronized (FakeMaster.this) {
                  out.onCompleted();
                }
              }
            };
          }
        }).build().start();
  }

  private void answer(StreamObserver<MasterMessage> out, AgentMessage m) {
    switch (m.getType()) {
      case REGISTER, REREGISTER -> {
        String agentId = m.getType() == AgentMessage.Type.REGISTER ? "agent-1"
            : m.getRegister().getAgentInfo().getId().getValue();
        send(out, MasterMessage.newBuilder().setType(MasterMessage.Type.REGISTERED)
            .setRegistered(MasterMessage.Registered.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
                .setMasterId(id).setPingIntervalSeconds(pingIntervalSeconds)).build());
      }
      case STATUS_UPDATE -> {
        if (autoAck) {
          ack(m.getStatusUpdate().getStatus());
        }
      }
      default -> { }
    }
  }

  void ack(TaskStatus s) {
    send(MasterMessage.newBuilder().setType(MasterMessage.Type.STATUS_UPDATE_ACK)
        .setStatusUpdateAck(MasterMessage.StatusUpdateAck.newBuilder().setFrameworkId(s.getFrameworkId())
            .setTaskId(s.getTaskId()).setUuid(s.getUuid())).build());
  }

  /** Sends to the agent on the newest stream. */
  void send(MasterMessage m) {
    send(current, m);
  }

  private synchronized void send(StreamObserver<MasterMessage> out, MasterMessage m) {
    out.onNext(m);
  }

  void autoAck(boolean on) {
    autoAck = on;
  }

  void pingInterval(Duration d) {
    pingIntervalSeconds = d.toMillis() / 1000.0;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<AgentMessage> messages() {
    return received.stream().map(Received::message).toList();
  }

  List<TaskStatus> statuses(String taskId) {
    return messages().stream().filter(m -> m.getType() == AgentMessage.Type.STATUS_UPDATE)
        .map(m -> m.getStatusUpdate().getStatus()).filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
  }

  int port() {
    return server.getPort();
  }

  /** Publishes this master as leader (ephemeral node), from its own ZooKeeper session. */
  void publish(String zkConnect) throws Exception {
    zk = ZkClients.start(zkConnect, Duration.ofSeconds(2));
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.MASTER_LEADER,
        new LeaderInfo(id, "127.0.0.1", port(), 0, "test").toBytes());
  }

  /** Fails the agent's stream, as a master that lost leadership does. */
  synchronized void failStream() {
    current.onError(Status.UNAVAILABLE.withDescription("not the leader; leader=elsewhere:1").asRuntimeException());
  }

  @Override
  public void close() {
    if (zk != null) {
      zk.close();
      zk = null;
    }
    server.shutdownNow();
  }
}
