package dev.drover.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.Filters;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.Offer;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.Range;
import dev.drover.proto.v1.Resource;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskState;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.testkit.DroverCluster;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * Malformed and out-of-order calls on the master's gRPC services through the generated stubs: calls before
 * SUBSCRIBE, launches on unknown, declined or another framework's offers, over the offer or on another agent, with
 * bad resource values and empty or oversized fields; kills and reconciles of another framework's task; agent
 * messages before REGISTER. Each gets a terminal TASK_ERROR/TASK_DROPPED update with a reason, an ERROR event or
 * an error status; nothing is launched, the other framework's task lives on, and the master keeps serving.
 */
class GrpcBadInputTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static ManagedChannel channel;
  private static Fw other;      // framework Y: owns the one live task
  private static String otherTask;
  private static Fw fw;         // framework X: sends the bad calls

  /** A cluster of its own: the apps and jobs frameworks of {@link BadEnv} would hold the offers. */
  private static DroverCluster cluster;

  private synchronized void setUp() {
    if (channel == null) {
      cluster = DroverCluster.builder().masters(1).agents(1).simulated().build().start();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", cluster.leader().grpcPort()).usePlaintext().build();
      other = new Fw(channel).subscribed("bad-input-other");
      Offer o = other.takeOffer();
      otherTask = "y-task";
      other.send(other.call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(o.getId())
          .addOperations(launch(task(otherTask, o.getAgentId().getValue(), cpus(0.5), mem(64))))
          .setFilters(Filters.newBuilder().setRefuseSeconds(0.001))).build());
      other.await("y-task running", e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING);
      other.send(other.call(Call.Type.SUPPRESS).build());
    }
    if (fw == null || fw.completed || fw.closedWith != null) {
      fw = new Fw(channel).subscribed("bad-input");
    }
  }

  static Resource cpus(double v) {
    return Resource.newBuilder().setName("cpus").setType(Resource.Type.SCALAR).setScalar(v).build();
  }

  static Resource mem(double v) {
    return Resource.newBuilder().setName("mem").setType(Resource.Type.SCALAR).setScalar(v).build();
  }

  static TaskInfo task(String id, String agentId, Resource... resources) {
    return TaskInfo.newBuilder().setName("bad").setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(AgentID.newBuilder().setValue(agentId)).addAllResources(List.of(resources))
        .setCommand(CommandInfo.newBuilder().setValue("sleep 1000").setShell(true)).build();
  }

  static Operation launch(TaskInfo... tasks) {
    return Operation.newBuilder().setType(Operation.Type.LAUNCH)
        .setLaunch(Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))).build();
  }

  /** What is wrong with an ACCEPT. */
  enum BadAccept {
    UNKNOWN_OFFER, DECLINED_OFFER, NO_OFFER_IDS, SAME_OFFER_TWICE, OVER_CPUS, OVER_MEM, NEGATIVE_CPUS, NAN_CPUS,
    INFINITE_MEM, HUGE_CPUS, NEGATIVE_ZERO_AND_TINY, NO_RESOURCES, EMPTY_RESOURCE_NAME, UNKNOWN_RESOURCE_TYPE,
    SCALAR_AS_RANGES, INVERTED_RANGE, PORTS_NOT_OFFERED, OTHER_AGENT, EMPTY_TASK_ID,
    OTHER_FRAMEWORKS_TASK_ID, OVERSIZED_TASK_ID, OVERSIZED_NAME
  }

  @Provide
  Arbitrary<BadAccept> badAccept() {
    return Arbitraries.of(BadAccept.class);
  }

  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void badAccepts(@ForAll("badAccept") BadAccept bad, @ForAll @IntRange(min = 1, max = 1_000_000) int salt) {
    setUp();
    List<String> liveBefore = cluster.liveTasks();
    boolean needsOffer = bad != BadAccept.UNKNOWN_OFFER && bad != BadAccept.NO_OFFER_IDS;
    Offer offer = needsOffer ? fw.takeOffer() : null;
    String agent = offer == null ? "agent-x" : offer.getAgentId().getValue();
    String id = "bad-" + SEQ.incrementAndGet() + "-" + salt;
    double k = 1 + salt / 1000.0;  // varies the magnitudes from case to case
    Call.Accept.Builder a = Call.Accept.newBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0.001));
    List<TaskInfo> tasks = new ArrayList<>();
    switch (bad) {
      case UNKNOWN_OFFER -> a.addOfferIds(OfferID.newBuilder().setValue("no-such-offer-" + id));
      case DECLINED_OFFER -> {
        fw.send(fw.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())
            .setFilters(Filters.newBuilder().setRefuseSeconds(0.001))).build());
        a.addOfferIds(offer.getId());
      }
      case NO_OFFER_IDS -> { }
      case SAME_OFFER_TWICE -> a.addOfferIds(offer.getId()).addOfferIds(offer.getId());
      default -> a.addOfferIds(offer.getId());
    }
    switch (bad) {
      case OVER_CPUS -> tasks.add(task(id, agent, cpus(4.01 * k), mem(32)));
      case OVER_MEM -> tasks.add(task(id, agent, cpus(0.1), mem(4097 * k)));
      case NEGATIVE_CPUS -> tasks.add(task(id, agent, cpus(-k), mem(32)));
      case NAN_CPUS -> tasks.add(task(id, agent, cpus(Double.NaN), mem(32)));
      case INFINITE_MEM -> tasks.add(task(id, agent, cpus(0.1), mem(Double.POSITIVE_INFINITY)));
      case HUGE_CPUS -> tasks.add(task(id, agent, cpus(Double.MAX_VALUE / k), mem(32)));
      case NEGATIVE_ZERO_AND_TINY -> tasks.add(task(id, agent, cpus(-0.0), mem(-Double.MIN_VALUE)));
      case NO_RESOURCES -> tasks.add(task(id, agent));
      case EMPTY_RESOURCE_NAME -> tasks.add(task(id, agent, cpus(0.1).toBuilder().setName("").build()));
      case UNKNOWN_RESOURCE_TYPE -> tasks.add(task(id, agent, cpus(0.1).toBuilder().setTypeValue(99).build()));
      case SCALAR_AS_RANGES -> tasks.add(task(id, agent, Resource.newBuilder().setName("cpus")
          .setType(Resource.Type.RANGES).addRanges(Range.newBuilder().setBegin(1).setEnd(2)).build()));
      case INVERTED_RANGE -> tasks.add(task(id, agent, cpus(0.1), Resource.newBuilder().setName("ports")
          .setType(Resource.Type.RANGES).addRanges(Range.newBuilder().setBegin(31010).setEnd(31000)).build()));
      case PORTS_NOT_OFFERED -> tasks.add(task(id, agent, cpus(0.1), Resource.newBuilder().setName("ports")
          .setType(Resource.Type.RANGES).addRanges(Range.newBuilder().setBegin(32000 + salt).setEnd(32000 + salt))
          .build()));
      case OTHER_AGENT -> tasks.add(task(id, "not-" + agent, cpus(0.1), mem(32)));
      case EMPTY_TASK_ID -> tasks.add(task("", agent, cpus(0.1), mem(32)));
      case OTHER_FRAMEWORKS_TASK_ID -> tasks.add(task(otherTask, agent, cpus(0.1), mem(-5)));
      case OVERSIZED_TASK_ID -> tasks.add(task(id + "x".repeat(100_000), agent, cpus(0.1), mem(-1)));
      case OVERSIZED_NAME -> tasks.add(task(id, agent, cpus(0.1), mem(32)).toBuilder()
          .setName("n".repeat(5 << 20)).build());
      default -> tasks.add(task(id, agent, cpus(0.1), mem(32)));
    }
    a.addOperations(launch(tasks.toArray(TaskInfo[]::new)));
    fw.send(fw.call(Call.Type.ACCEPT).setAccept(a).build());
    Tally.count("gRPC SchedulerService ACCEPT (" + bad.name().toLowerCase().replace('_', ' ') + ")");
    String taskId = tasks.get(tasks.size() - 1).getTaskId().getValue();
    if (bad == BadAccept.OVERSIZED_NAME) {
      fw.awaitEnd();  // over gRPC's 4 MiB message limit: the server resets the stream
      assertNotEquals(Status.Code.OK, fw.closedWith.getCode(), String.valueOf(fw.closedWith));
    } else {
      Event e = fw.await("a refusal of " + bad, ev -> ev.getType() == Event.Type.UPDATE
          && ev.getUpdate().getStatus().getTaskId().getValue().equals(taskId));
      TaskStatus s = e.getUpdate().getStatus();
      assertTrue(s.getState() == TaskState.TASK_ERROR || s.getState() == TaskState.TASK_DROPPED, bad + ": " + s);
      assertFalse(s.getMessage().isBlank(), bad + ": no reason in " + s);
    }
    assertEquals(liveBefore, cluster.liveTasks(), bad + " launched something");
    assertTrue(Http.getOk("http://127.0.0.1:" + cluster.leader().httpPort() + "/health").contains("\"leader\":true"));
  }

  /** What X does with Y's ids. */
  enum Foreign { KILL, RECONCILE, ACKNOWLEDGE, ACCEPT_ITS_OFFER }

  @Provide
  Arbitrary<Foreign> foreign() {
    return Arbitraries.of(Foreign.class);
  }

  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void anotherFrameworksIds(@ForAll("foreign") Foreign what, @ForAll @IntRange(min = 1, max = 1000) int salt) {
    setUp();
    String agent = cluster.agents().get(0).agentId().orElseThrow();
    switch (what) {
      case KILL -> fw.send(fw.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(TaskID.newBuilder().setValue(otherTask)).setAgentId(AgentID.newBuilder().setValue(agent)))
          .build());
      case RECONCILE -> fw.send(fw.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(otherTask)))).build());
      case ACKNOWLEDGE -> fw.send(fw.call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
          .setTaskId(TaskID.newBuilder().setValue(otherTask)).setAgentId(AgentID.newBuilder().setValue(agent))
          .setUuid(com.google.protobuf.ByteString.copyFromUtf8("forged"))).build());
      case ACCEPT_ITS_OFFER -> {
        handOver(fw, other);
        Offer theirs = other.takeOffer();
        String id = "steal-" + SEQ.incrementAndGet();
        fw.send(fw.call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(theirs.getId())
            .addOperations(launch(task(id, agent, cpus(0.1), mem(32))))).build());
        TaskStatus s = fw.await("a refusal", e -> e.getType() == Event.Type.UPDATE
            && e.getUpdate().getStatus().getTaskId().getValue().equals(id)).getUpdate().getStatus();
        assertEquals(TaskState.TASK_DROPPED, s.getState(), s.toString());
        assertTrue(s.getMessage().contains("another framework"), s.getMessage());
        other.offers.put(theirs.getId().getValue(), theirs);
        handOver(other, fw);
      }
      default -> throw new IllegalStateException();
    }
    // A barrier: the master handles one stream's calls in order, so once this probe is answered the call above was.
    String probe = "probe-" + SEQ.incrementAndGet();
    fw.send(fw.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(probe)))).build());
    fw.await("the probe's answer", e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(probe));
    Tally.count("gRPC SchedulerService another framework's ids (" + what.name().toLowerCase() + ")");
    for (Event e : fw.all) {
      if (e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(otherTask)) {
        assertNotEquals(TaskState.TASK_RUNNING, e.getUpdate().getStatus().getState(), "Y's task state leaked to X");
      }
    }
    assertTrue(cluster.liveTasks().contains(otherTask), "Y's task was killed by X's " + what);
  }

  /** The one agent's offers go to {@code to} only: {@code from} suppresses and gives back what it holds. */
  private static void handOver(Fw from, Fw to) {
    from.send(from.call(Call.Type.SUPPRESS).build());
    to.send(to.call(Call.Type.REVIVE).build());
    // An offer to `from` may be in flight while it suppresses: give back whatever it holds until `to` has one.
    BadEnv.await("an offer for the other side", () -> {
      List<Offer> held = new ArrayList<>(from.offers.values());
      held.forEach(o -> from.offers.remove(o.getId().getValue()));
      if (!held.isEmpty()) {
        Call.Decline.Builder d = Call.Decline.newBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0.001));
        held.forEach(o -> d.addOfferIds(o.getId()));
        from.send(from.call(Call.Type.DECLINE).setDecline(d).build());
      }
      return !to.offers.isEmpty();
    });
  }

  @Provide
  Arbitrary<Call> beforeSubscribe() {
    return Arbitraries.of(Call.Type.values()).filter(t -> t != Call.Type.SUBSCRIBE && t != Call.Type.UNRECOGNIZED)
        .flatMap(t -> Arbitraries.oneOf(Arbitraries.of("", "x".repeat(10_000)), Arbitraries.strings().ofMaxLength(40))
            .map(id -> Call.newBuilder().setType(t)
            .setFrameworkId(FrameworkID.newBuilder().setValue(id)).setAccept(Call.Accept.newBuilder()
                .addOfferIds(OfferID.newBuilder().setValue("o"))).build()));
  }

  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void callsBeforeSubscribe(@ForAll("beforeSubscribe") Call call) {
    setUp();
    try (Fw raw = new Fw(channel)) {
      raw.send(call);
      Event e = raw.await("an ERROR event", ev -> ev.getType() == Event.Type.ERROR);
      assertTrue(e.getError().getMessage().contains("SUBSCRIBE"), e.toString());
      raw.awaitEnd();
    }
    Tally.count("gRPC SchedulerService calls before SUBSCRIBE");
    assertTrue(Http.getOk("http://127.0.0.1:" + cluster.leader().httpPort() + "/health").contains("\"leader\":true"));
  }

  /**
   * SUBSCRIBE twice on one stream. (SUBSCRIBE with another framework's id is not bad input: it is how a framework
   * fails over, as in Mesos; without authentication the master cannot tell the two apart.)
   */
  @Property(tries = 50, shrinking = ShrinkingMode.OFF)
  void subscribeTwice(@ForAll("subscribeAgain") Call again) {
    setUp();
    try (Fw raw = new Fw(channel)) {
      raw.subscribed("twice");
      raw.send(again);
      Event e = raw.await("an ERROR event", ev -> ev.getType() == Event.Type.ERROR);
      assertTrue(e.getError().getMessage().contains("SUBSCRIBE"), e.toString());
    }
    Tally.count("gRPC SchedulerService SUBSCRIBE twice");
    assertTrue(cluster.liveTasks().contains(otherTask));
  }

  @Provide
  Arbitrary<Call> subscribeAgain() {
    return Arbitraries.oneOf(Arbitraries.of("", "x".repeat(10_000)), Arbitraries.strings().ofMaxLength(40))
        .map(Fw::subscribe);
  }

  @Provide
  Arbitrary<AgentMessage> agentMessage() {
    return Arbitraries.of(AgentMessage.Type.PONG, AgentMessage.Type.STATUS_UPDATE, AgentMessage.Type.RESOURCES_UPDATE,
        AgentMessage.Type.UNKNOWN).flatMap(t -> Arbitraries.longs().map(seq -> AgentMessage.newBuilder().setType(t)
            .setPong(AgentMessage.Pong.newBuilder().setSequence(seq))
            .setStatusUpdate(AgentMessage.StatusUpdate.newBuilder().setFrameworkId(FrameworkID.newBuilder()
                .setValue(other.id())).setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder()
                    .setValue(otherTask)).setState(TaskState.TASK_FAILED)))
            .setResourcesUpdate(AgentMessage.ResourcesUpdate.newBuilder().addResources(cpus(Double.NaN))).build()));
  }

  @Property(tries = 100, shrinking = ShrinkingMode.OFF)
  void agentMessagesBeforeRegister(@ForAll("agentMessage") AgentMessage m) {
    setUp();
    AtomicReference<Status> ended = new AtomicReference<>();
    StreamObserver<AgentMessage> out = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
      @Override
      public void onNext(MasterMessage value) {}

      @Override
      public void onError(Throwable t) {
        ended.set(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        ended.set(Status.OK);
      }
    });
    out.onNext(m);
    BadEnv.await("the agent stream refused", () -> ended.get() != null);
    Tally.count("gRPC AgentService messages before REGISTER");
    assertEquals(Status.Code.INVALID_ARGUMENT, ended.get().getCode(), String.valueOf(ended.get()));
    assertTrue(cluster.liveTasks().contains(otherTask), "a forged status update ended Y's task");
    out.onCompleted();
  }
}
