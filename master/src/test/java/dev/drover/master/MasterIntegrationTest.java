package dev.drover.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.Offer;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskState;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.zk.EmbeddedZooKeeper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real master on an embedded ZooKeeper, driven by raw gRPC clients playing an agent and a framework. */
class MasterIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private EmbeddedZooKeeper zk;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void startZooKeeper() {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    zk.close();
  }

  private Master startMaster() {
    Master m = Master.start(MasterConfig.defaults(zk.connectString("/drover")).withHostname("127.0.0.1")
        .withBindAddress("127.0.0.1").withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(2))
        .withHeartbeatInterval(Duration.ofMillis(500))
        .withPingInterval(Duration.ofMillis(500)).withAllocationInterval(Duration.ofMillis(100)));
    closeables.add(m);
    return m;
  }

  private ManagedChannel channel(Master m) {
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", m.grpcPort()).usePlaintext().build();
    closeables.add(() -> ch.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS));
    return ch;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  private HttpResponse<String> get(Master m, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static AgentMessage register() {
    return AgentMessage.newBuilder().setType(AgentMessage.Type.REGISTER).setRegister(AgentMessage.Register
        .newBuilder().setAgentInfo(AgentInfo.newBuilder().setHostname("agent-host").setPort(5052)
            .addAllResources(ProtoResources.toProto(Resources.parse("cpus:2;mem:1024;ports:[31000-31010]")))
            .addAttributes(Attribute.newBuilder().setName("rack").setType(Attribute.Type.TEXT).setText("r1"))))
        .build();
  }

  private static Call subscribe() {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .setFrameworkInfo(FrameworkInfo.newBuilder().setName("test-fw").setUser("nobody"))).build();
  }

  private static AgentMessage statusUpdate(String fw, String agent, String task, TaskState state, String uuid) {
    return AgentMessage.newBuilder().setType(AgentMessage.Type.STATUS_UPDATE).setStatusUpdate(
        AgentMessage.StatusUpdate.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(fw))
            .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)).setState(state)
                .setSource(TaskStatus.Source.SOURCE_AGENT).setAgentId(AgentID.newBuilder().setValue(agent))
                .setUuid(ByteString.copyFromUtf8(uuid)))).build();
  }

  @Test
  void launchesATaskAndRelaysItsStatusesAndAcknowledgements() throws Exception {
    Master master = startMaster();
    await(master::isLeader, "leadership");
    ManagedChannel ch = channel(master);

    StreamProbe<MasterMessage> agentIn = new StreamProbe<>();
    StreamObserver<AgentMessage> agentOut = AgentServiceGrpc.newStub(ch).connect(agentIn);
    agentOut.onNext(register());
    MasterMessage registered = agentIn.await(m -> m.getType() == MasterMessage.Type.REGISTERED, WAIT, "REGISTERED");
    String agentId = registered.getRegistered().getAgentId().getValue();
    assertFalse(agentId.isEmpty());
    assertEquals(master.id(), registered.getRegistered().getMasterId());

    StreamProbe<Event> fwIn = new StreamProbe<>();
    StreamObserver<Call> fwOut = SchedulerServiceGrpc.newStub(ch).subscribe(fwIn);
    fwOut.onNext(subscribe());
    Event subscribed = fwIn.await(e -> e.getType() == Event.Type.SUBSCRIBED, WAIT, "SUBSCRIBED");
    String fwId = subscribed.getSubscribed().getFrameworkId().getValue();
    assertEquals(0.5, subscribed.getSubscribed().getHeartbeatIntervalSeconds());

    Offer offer = fwIn.await(e -> e.getType() == Event.Type.OFFERS, WAIT, "OFFERS").getOffers().getOffers(0);
    assertEquals(agentId, offer.getAgentId().getValue());
    assertEquals(Resources.parse("cpus:2;mem:1024;ports:[31000-31010]"),
        ProtoResources.toDomain(offer.getResourcesList()));
    assertEquals("r1", offer.getAttributes(0).getText());

    TaskInfo task = TaskInfo.newBuilder().setName("sleeper").setTaskId(TaskID.newBuilder().setValue("t1"))
        .addAllResources(ProtoResources.toProto(Resources.parse("cpus:1;mem:128;ports:[31000-31000]")))
        .setCommand(CommandInfo.newBuilder().setValue("sleep 10").setShell(true)).build();
    TaskInfo tooBig = task.toBuilder().setTaskId(TaskID.newBuilder().setValue("t2")).clearResources()
        .addAllResources(ProtoResources.toProto(Resources.parse("cpus:4"))).build();
    fwOut.onNext(Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(FrameworkID.newBuilder().setValue(fwId))
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(Operation.newBuilder()
            .setType(Operation.Type.LAUNCH).setLaunch(Operation.Launch.newBuilder().addTaskInfos(task)
                .addTaskInfos(tooBig)))).build());

    Event error = fwIn.await(e -> e.getType() == Event.Type.UPDATE, WAIT, "TASK_ERROR for t2");
    assertEquals("t2", error.getUpdate().getStatus().getTaskId().getValue());
    assertEquals(TaskState.TASK_ERROR, error.getUpdate().getStatus().getState());
    assertTrue(error.getUpdate().getStatus().getMessage().startsWith("resources:"));

    MasterMessage run = agentIn.await(m -> m.getType() == MasterMessage.Type.RUN_TASKS, WAIT, "RUN_TASKS");
    assertEquals(fwId, run.getRunTasks().getFramework().getId().getValue());
    assertEquals(1, run.getRunTasks().getTasksCount());
    assertEquals("t1", run.getRunTasks().getTasks(0).getTaskId().getValue());
    assertEquals(agentId, run.getRunTasks().getTasks(0).getAgentId().getValue());
    assertEquals("sleep 10", run.getRunTasks().getTasks(0).getCommand().getValue());

    for (TaskState state : List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED)) {
      agentOut.onNext(statusUpdate(fwId, agentId, "t1", state, "uuid-" + state));
      Event update = fwIn.await(e -> e.getType() == Event.Type.UPDATE, WAIT, "UPDATE " + state);
      assertEquals(state, update.getUpdate().getStatus().getState());
      assertEquals(ByteString.copyFromUtf8("uuid-" + state), update.getUpdate().getStatus().getUuid());
      assertEquals(agentId, update.getUpdate().getStatus().getAgentId().getValue());
      if (state == TaskState.TASK_RUNNING) {
        JsonNode json = JSON.readTree(get(master, "/api/v1/state").body());
        assertEquals(agentId, json.at("/agents/0/id").asText());
        assertEquals("r1", json.at("/agents/0/attributes/rack").asText());
        assertEquals("[31000-31010]", json.at("/agents/0/resources/ports").asText());
        assertEquals(1.0, json.at("/agents/0/used/cpus").asDouble());
        assertEquals("TASK_RUNNING", json.at("/tasks/0/state").asText());
        assertEquals(fwId, json.at("/frameworks/0/id").asText());
        assertEquals(master.id(), json.at("/leader/id").asText());
      }
      fwOut.onNext(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
          .setFrameworkId(FrameworkID.newBuilder().setValue(fwId))
          .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
              .setTaskId(TaskID.newBuilder().setValue("t1")).setUuid(update.getUpdate().getStatus().getUuid()))
          .build());
      MasterMessage ack = agentIn.await(m -> m.getType() == MasterMessage.Type.STATUS_UPDATE_ACK, WAIT, "ACK");
      assertEquals("t1", ack.getStatusUpdateAck().getTaskId().getValue());
      assertEquals(ByteString.copyFromUtf8("uuid-" + state), ack.getStatusUpdateAck().getUuid());
    }

    fwOut.onNext(Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(FrameworkID.newBuilder()
        .setValue(fwId)).setReconcile(Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue("t1"))).addTasks(Call.Reconcile.Task.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue("nope")))).build());
    TaskStatus t1 = fwIn.await(e -> e.getType() == Event.Type.UPDATE, WAIT, "reconcile t1").getUpdate().getStatus();
    assertEquals(TaskState.TASK_FINISHED, t1.getState());
    assertTrue(t1.getUuid().isEmpty());
    TaskStatus nope = fwIn.await(e -> e.getType() == Event.Type.UPDATE, WAIT, "reconcile nope").getUpdate()
        .getStatus();
    assertEquals(TaskState.TASK_LOST, nope.getState());

    fwIn.await(e -> e.getType() == Event.Type.HEARTBEAT, WAIT, "HEARTBEAT");
    agentIn.await(m -> m.getType() == MasterMessage.Type.PING, WAIT, "PING");

    assertEquals(404, get(master, "/no/such/path").statusCode());
    JsonNode health = JSON.readTree(get(master, "/health").body());
    assertTrue(health.get("leader").asBoolean());

    agentOut.onCompleted();
    fwOut.onCompleted();
  }

  @Test
  void firstCallOtherThanSubscribeIsAnError() throws Exception {
    Master master = startMaster();
    await(master::isLeader, "leadership");
    StreamProbe<Event> fwIn = new StreamProbe<>();
    StreamObserver<Call> fwOut = SchedulerServiceGrpc.newStub(channel(master)).subscribe(fwIn);
    fwOut.onNext(Call.newBuilder().setType(Call.Type.REVIVE).build());
    Event error = fwIn.await(e -> e.getType() == Event.Type.ERROR, WAIT, "ERROR");
    assertTrue(error.getError().getMessage().contains("SUBSCRIBE"));
    fwIn.awaitEnd(WAIT);
    fwOut.onCompleted();
  }

  @Test
  void agentMessagesBeforeRegisterAreInvalidArgument() throws Exception {
    Master master = startMaster();
    await(master::isLeader, "leadership");
    StreamProbe<MasterMessage> agentIn = new StreamProbe<>();
    StreamObserver<AgentMessage> agentOut = AgentServiceGrpc.newStub(channel(master)).connect(agentIn);
    agentOut.onNext(statusUpdate("fw", "agent", "t1", TaskState.TASK_FAILED, "u1"));
    Throwable end = agentIn.awaitEnd(WAIT);
    assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, io.grpc.Status.fromThrowable(end).getCode());
    assertTrue(io.grpc.Status.fromThrowable(end).getDescription().contains("REGISTER"), String.valueOf(end));
  }

  @Test
  void followerRefusesAndRedirectsThenTakesOver() throws Exception {
    Master first = startMaster();
    await(first::isLeader, "first master leads");
    Master second = startMaster();
    assertFalse(second.isLeader());
    String hint = "leader=127.0.0.1:" + first.grpcPort();

    StreamProbe<MasterMessage> agentIn = new StreamProbe<>();
    StreamObserver<AgentMessage> agentOut = AgentServiceGrpc.newStub(channel(second)).connect(agentIn);
    agentOut.onNext(register());
    Status status = Status.fromThrowable(agentIn.awaitEnd(WAIT));
    assertEquals(Status.Code.UNAVAILABLE, status.getCode());
    await(() -> {
      StreamProbe<Event> probe = new StreamProbe<>();
      SchedulerServiceGrpc.newStub(channel(second)).subscribe(probe).onNext(subscribe());
      try {
        return Status.fromThrowable(probe.awaitEnd(WAIT)).getDescription().equals("not the leader; " + hint);
      } catch (Exception e) {
        return false;
      }
    }, "a refusal naming the leader");

    HttpResponse<String> redirect = get(second, "/api/v1/state");
    assertEquals(307, redirect.statusCode());
    assertEquals("http://127.0.0.1:" + first.httpPort() + "/api/v1/state",
        redirect.headers().firstValue("Location").orElseThrow());
    assertFalse(JSON.readTree(get(second, "/health").body()).get("leader").asBoolean());

    StreamProbe<Event> fwIn = new StreamProbe<>();
    StreamObserver<Call> fwOut = SchedulerServiceGrpc.newStub(channel(first)).subscribe(fwIn);
    fwOut.onNext(subscribe());
    fwIn.await(e -> e.getType() == Event.Type.SUBSCRIBED, WAIT, "SUBSCRIBED on the first master");

    first.close();
    assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(fwIn.awaitEnd(WAIT)).getCode(),
        "the old leader closes its streams");
    await(second::isLeader, "second master leads");
    assertEquals(200, get(second, "/api/v1/state").statusCode());
  }

  @Test
  void stateListsEveryMasterWithItsAddressesAndRole() throws Exception {
    Master first = startMaster();
    await(first::isLeader, "first master leads");
    Master second = startMaster();
    await(() -> {
      try {
        return JSON.readTree(get(first, "/api/v1/state").body()).get("masters").size() == 2;
      } catch (Exception e) {
        return false;
      }
    }, "both masters listed");
    JsonNode masters = JSON.readTree(get(first, "/api/v1/state").body()).get("masters");
    assertEquals(first.id(), masters.get(0).get("id").asText());
    assertEquals("leader", masters.get(0).get("role").asText());
    assertEquals(first.grpcPort(), masters.get(0).get("grpcPort").asInt());
    assertEquals(first.httpPort(), masters.get(0).get("httpPort").asInt());
    assertEquals(second.id(), masters.get(1).get("id").asText());
    assertEquals("standby", masters.get(1).get("role").asText());
    assertEquals("127.0.0.1", masters.get(1).get("host").asText());
    assertEquals(second.grpcPort(), masters.get(1).get("grpcPort").asInt());
    assertEquals(second.httpPort(), masters.get(1).get("httpPort").asInt());
  }

  @Test
  void aDeposedLeaderCannotWriteTheRegistryAndStopsServing() throws Exception {
    Master first = startMaster();
    await(first::isLeader, "first master leads");
    Master second = startMaster();
    StreamProbe<Event> fwIn = new StreamProbe<>();
    SchedulerServiceGrpc.newStub(channel(first)).subscribe(fwIn).onNext(subscribe());
    fwIn.await(e -> e.getType() == Event.Type.SUBSCRIBED, WAIT, "SUBSCRIBED on the first master");

    // The first master's election node goes away (as when its session expires) while it still acts as leader.
    try (org.apache.curator.framework.CuratorFramework outside =
        dev.drover.zk.ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5))) {
      for (String child : outside.getChildren().forPath(dev.drover.zk.ZkPaths.MASTER_ELECTION)) {
        String path = dev.drover.zk.ZkPaths.MASTER_ELECTION + "/" + child;
        if (new String(outside.getData().forPath(path), java.nio.charset.StandardCharsets.UTF_8).equals(first.id())) {
          outside.delete().forPath(path);
        }
      }
      await(second::isLeader, "the second master leads");
      assertTrue(first.isLeader(), "the first master has not noticed yet");

      StreamProbe<MasterMessage> agentIn = new StreamProbe<>();
      AgentServiceGrpc.newStub(channel(first)).connect(agentIn).onNext(register());
      Status refused = Status.fromThrowable(agentIn.awaitEnd(WAIT));
      assertEquals(Status.Code.UNAVAILABLE, refused.getCode(), "the fenced write is refused");
      assertTrue(agentIn.received.isEmpty(), "the agent was never told it registered");
      assertEquals(List.of(), outside.getChildren().forPath(dev.drover.zk.ZkPaths.MASTER_REGISTRY_AGENTS),
          "nothing was written");
      assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(fwIn.awaitEnd(WAIT)).getCode(),
          "the deposed master closes the streams it served");
      await(() -> !first.isLeader(), "the first master steps down");
      assertEquals(307, get(first, "/api/v1/state").statusCode(), "and sends operators to the leader");
    }
  }
}
