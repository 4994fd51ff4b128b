package dev.drover.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DroverSchedulerDriverTest {
  private static final String THREAD = "drover-scheduler-test";
  private static final Resources OFFERED = Resources.builder().scalar("cpus", 4).scalar("mem", 2048)
      .ranges("ports", RangeSet.of(List.of(new dev.drover.model.Range(31000, 31009)))).build();

  @TempDir Path tmp;
  private EmbeddedZooKeeper zk;
  private CuratorFramework curator;
  private final List<FakeMaster> masters = new ArrayList<>();
  private final List<SchedulerDriver> drivers = new ArrayList<>();
  private final RecordingScheduler scheduler = new RecordingScheduler();
  private final FrameworkConfig config = FrameworkConfig.builder("test").user("nobody").roles("web")
      .failoverTimeout(Duration.ofMinutes(5)).principal("ops").partitionAware().build();

  @BeforeEach
  void startZooKeeper() {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
    curator = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(2));
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (SchedulerDriver d : drivers) {
      if (!d.terminated().isDone()) {
        d.stop();
      }
      d.terminated().exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    }
    for (FakeMaster m : masters) {
      m.close();
    }
    curator.close();
    zk.close();
    assertTrue(scheduler.maxInFlight.get() <= 1, "callbacks overlapped");
    assertTrue(Set.of(THREAD).containsAll(scheduler.threads), "callback threads: " + scheduler.threads);
  }

  private FakeMaster master(String id) {
    FakeMaster m = new FakeMaster(id, "fw-1");
    masters.add(m);
    return m;
  }

  private void publish(LeaderInfo leader) throws Exception {
    if (curator.checkExists().forPath(ZkPaths.MASTER_LEADER) == null) {
      curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(ZkPaths.MASTER_LEADER, leader.toBytes());
    } else {
      curator.setData().forPath(ZkPaths.MASTER_LEADER, leader.toBytes());
    }
  }

  private SchedulerDriver start(DroverSchedulerDriver.Builder builder) {
    SchedulerDriver d = builder.build();
    drivers.add(d);
    d.start();
    return d;
  }

  private SchedulerDriver startViaZk() throws Exception {
    FakeMaster m = master("master-a");
    publish(m.leaderInfo());
    SchedulerDriver d = start(DroverSchedulerDriver.builder(scheduler, config).zk(zk.connectString("/drover")));
    scheduler.awaitEvent("registered fw-1 master-a");
    return d;
  }

  private static Event offers(String offerId, String agentId) {
    return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addOffers(
        dev.drover.proto.v1.Offer.newBuilder().setId(OfferID.newBuilder().setValue(offerId))
            .setAgentId(AgentID.newBuilder().setValue(agentId)).setHostname("host-1")
            .addAllResources(ProtoResources.toProto(OFFERED))
            .addAttributes(Attribute.newBuilder().setName("rack").setType(Attribute.Type.TEXT).setText("r1"))))
        .build();
  }

  private static Event update(String taskId, dev.drover.proto.v1.TaskState state, byte[] uuid) {
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
        dev.drover.proto.v1.TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
            .setState(state).setAgentId(AgentID.newBuilder().setValue("agent-1"))
            .setUuid(ByteString.copyFrom(uuid)).setTimestamp(1_700_000_000.5))).build();
  }

  @Test
  void subscribesThroughZooKeeperAndRegistersWithTheAssignedId() throws Exception {
    SchedulerDriver d = startViaZk();
    Call subscribe = masters.get(0).await(Call.Type.SUBSCRIBE);
    assertEquals("test", subscribe.getSubscribe().getFrameworkInfo().getName());
    assertEquals(List.of("web"), subscribe.getSubscribe().getFrameworkInfo().getRolesList());
    assertEquals(300.0, subscribe.getSubscribe().getFrameworkInfo().getFailoverTimeout());
    assertEquals(List.of("PARTITION_AWARE"), subscribe.getSubscribe().getFrameworkInfo().getCapabilitiesList());
    assertFalse(subscribe.getSubscribe().getFrameworkInfo().hasId());
    assertEquals(Optional.of("fw-1"), d.frameworkId());
    assertTrue(d.isSubscribed());
  }

  @Test
  void resumesAGivenFrameworkIdOnAFixedMaster() {
    FakeMaster m = master("master-a");
    SchedulerDriver d = start(DroverSchedulerDriver.builder(scheduler, config).master(m.target())
        .frameworkId("fw-old"));
    scheduler.awaitEvent("registered fw-old master-a");
    Call subscribe = m.await(Call.Type.SUBSCRIBE);
    assertEquals("fw-old", subscribe.getSubscribe().getFrameworkInfo().getId().getValue());
    assertEquals(Optional.of("fw-old"), d.frameworkId());
  }

  @Test
  void offersAreConvertedAndLaunchSendsAcceptWithTheTaskInfo() throws Exception {
    SchedulerDriver d = startViaZk();
    masters.get(0).send(offers("o-1", "agent-1"));
    scheduler.awaitEvent("offers 1");
    Offer offer = scheduler.offers().get(0);
    assertEquals(new Offer("o-1", "agent-1", "host-1", OFFERED, Map.of("rack", "r1")), offer);

    Resources used = Resources.of(1, 128, 0);
    d.launch(offer.id(), List.of(TaskSpec.builder("t-1").resources(used).shell("echo hi").env("A", "1")
        .killGracePeriod(Duration.ofSeconds(3)).label("app", "web").build()));

    Call accept = masters.get(0).await(Call.Type.ACCEPT);
    assertEquals("fw-1", accept.getFrameworkId().getValue());
    assertEquals("o-1", accept.getAccept().getOfferIds(0).getValue());
    TaskInfo task = accept.getAccept().getOperations(0).getLaunch().getTaskInfos(0);
    assertEquals("t-1", task.getTaskId().getValue());
    assertEquals("agent-1", task.getAgentId().getValue());
    assertTrue(task.getCommand().getShell());
    assertEquals("echo hi", task.getCommand().getValue());
    assertEquals(used, ProtoResources.toDomain(task.getResourcesList()));
    assertEquals(3.0, task.getKillPolicy().getGracePeriodSeconds());
    assertEquals("A", task.getCommand().getEnvironment(0).getName());
    assertEquals("app", task.getLabels(0).getKey());
  }

  @Test
  void launchOnAnOfferThatIsNotOutstandingIsAnsweredWithTaskDropped() throws Exception {
    SchedulerDriver d = startViaZk();
    d.launch("o-unknown", List.of(TaskSpec.shell("t-9", "true", Resources.of(1, 1, 0))));
    scheduler.awaitEvent("update t-9 DROPPED");
    assertEquals("REASON_INVALID_OFFERS", scheduler.statuses().get(0).reason());
    d.revive();
    masters.get(0).await(Call.Type.REVIVE);
    assertTrue(masters.get(0).calls().stream().noneMatch(c -> c.getType() == Call.Type.ACCEPT));
  }

  @Test
  void updatesWithAUuidAreAcknowledgedImplicitly() throws Exception {
    startViaZk();
    FakeMaster m = masters.get(0);
    m.send(update("t-0", dev.drover.proto.v1.TaskState.TASK_RUNNING, new byte[0]));
    m.send(update("t-1", dev.drover.proto.v1.TaskState.TASK_RUNNING, new byte[] {1, 2, 3}));
    Call ack = m.await(Call.Type.ACKNOWLEDGE);
    assertEquals("agent-1", ack.getAcknowledge().getAgentId().getValue());
    assertEquals("t-1", ack.getAcknowledge().getTaskId().getValue());
    assertEquals(ByteString.copyFrom(new byte[] {1, 2, 3}), ack.getAcknowledge().getUuid());
    assertEquals(List.of("registered fw-1 master-a", "update t-0 RUNNING", "update t-1 RUNNING"),
        scheduler.events());
    TaskStatus status = scheduler.statuses().get(1);
    assertEquals(TaskState.RUNNING, status.state());
    assertTrue(status.needsAcknowledgement());
  }

  @Test
  void explicitAcknowledgementsWaitForTheAuthor() {
    FakeMaster m = master("master-a");
    SchedulerDriver d = start(DroverSchedulerDriver.builder(scheduler, config).master(m.target())
        .implicitAcknowledgements(false));
    scheduler.awaitEvent("registered fw-1 master-a");
    m.send(update("t-1", dev.drover.proto.v1.TaskState.TASK_FINISHED, new byte[] {9}));
    scheduler.awaitEvent("update t-1 FINISHED");
    d.revive();
    m.await(Call.Type.REVIVE);
    assertTrue(m.calls().stream().noneMatch(c -> c.getType() == Call.Type.ACKNOWLEDGE));
    d.acknowledge(scheduler.statuses().get(0));
    assertEquals(ByteString.copyFrom(new byte[] {9}), m.await(Call.Type.ACKNOWLEDGE).getAcknowledge().getUuid());
  }

  @Test
  void declineKillReconcileReviveAndSuppressProduceTheirCalls() throws Exception {
    SchedulerDriver d = startViaZk();
    FakeMaster m = masters.get(0);
    m.send(offers("o-1", "agent-1"));
    scheduler.awaitEvent("offers 1");
    d.decline("o-1", Duration.ofSeconds(30));
    d.kill("t-1", Optional.of("agent-1"));
    d.reconcile(List.of(TaskRef.of("t-1", "agent-1"), TaskRef.of("t-2")));
    d.reconcile(List.of());
    d.suppress();
    d.revive();

    Call decline = m.await(Call.Type.DECLINE);
    assertEquals("o-1", decline.getDecline().getOfferIds(0).getValue());
    assertEquals(30.0, decline.getDecline().getFilters().getRefuseSeconds());
    Call kill = m.await(Call.Type.KILL);
    assertEquals("t-1", kill.getKill().getTaskId().getValue());
    assertEquals("agent-1", kill.getKill().getAgentId().getValue());
    Call explicit = m.await(Call.Type.RECONCILE);
    assertEquals(2, explicit.getReconcile().getTasksCount());
    assertEquals("agent-1", explicit.getReconcile().getTasks(0).getAgentId().getValue());
    assertFalse(explicit.getReconcile().getTasks(1).hasAgentId());
    Call implicit = m.await("implicit reconcile", 2, c -> c.getType() == Call.Type.RECONCILE);
    assertEquals(0, implicit.getReconcile().getTasksCount());
    m.await(Call.Type.SUPPRESS);
    m.await(Call.Type.REVIVE);
    List<Call.Type> order = m.calls().stream().map(Call::getType).toList();
    assertEquals(List.of(Call.Type.SUBSCRIBE, Call.Type.DECLINE, Call.Type.KILL, Call.Type.RECONCILE,
        Call.Type.RECONCILE, Call.Type.SUPPRESS, Call.Type.REVIVE), order);
    assertTrue(m.calls().stream().allMatch(c -> c.getFrameworkId().getValue().equals("fw-1")
        || c.getType() == Call.Type.SUBSCRIBE));
  }

  @Test
  void followsANewLeaderAndResubscribesWithTheSameFrameworkId() throws Exception {
    startViaZk();
    FakeMaster a = masters.get(0);
    a.send(offers("o-1", "agent-1"));
    scheduler.awaitEvent("offers 1");
    FakeMaster b = master("master-b");
    publish(b.leaderInfo());
    a.fail(Status.UNAVAILABLE.withDescription("not the leader; leader=" + b.target()));

    scheduler.awaitEvent("reregistered master-b");
    Call resubscribe = b.await(Call.Type.SUBSCRIBE);
    assertEquals("fw-1", resubscribe.getSubscribe().getFrameworkInfo().getId().getValue());
    assertEquals(List.of("registered fw-1 master-a", "offers 1", "disconnected", "reregistered master-b"),
        scheduler.events());
  }

  @Test
  void aSilentMasterIsTreatedAsDeadAfterThreeHeartbeats() throws Exception {
    FakeMaster m = master("master-a");
    m.heartbeatSeconds = 0.1;
    publish(m.leaderInfo());
    start(DroverSchedulerDriver.builder(scheduler, config).zk(zk.connectString("/drover")));
    scheduler.awaitEvent("reregistered master-a");
    assertEquals(List.of("registered fw-1 master-a", "disconnected", "reregistered master-a"),
        scheduler.events().subList(0, 3));
    Call second = m.await("second SUBSCRIBE", 2, c -> c.getType() == Call.Type.SUBSCRIBE);
    assertEquals("fw-1", second.getSubscribe().getFrameworkInfo().getId().getValue());
  }

  @Test
  void callsMadeWhileDisconnectedAreSentAfterSubscribing() {
    FakeMaster m = master("master-a");
    m.autoSubscribe = false;
    SchedulerDriver d = start(DroverSchedulerDriver.builder(scheduler, config).master(m.target())
        .frameworkId("fw-1"));
    m.await(Call.Type.SUBSCRIBE);
    d.kill("t-1");
    d.suppress();
    d.launch("o-1", List.of(TaskSpec.shell("t-2", "true", Resources.of(1, 1, 0))));
    scheduler.awaitEvent("update t-2 DROPPED");
    m.subscribed("fw-1");
    m.await(Call.Type.KILL);
    assertEquals(List.of(Call.Type.SUBSCRIBE, Call.Type.KILL),
        m.calls().stream().map(Call::getType).toList());
    assertFalse(d.terminated().isDone());
  }

  @Test
  void suppressionIsCarriedByTheNextSubscribe() throws Exception {
    SchedulerDriver d = startViaZk();
    d.suppress();
    masters.get(0).await(Call.Type.SUPPRESS);
    masters.get(0).fail(Status.UNAVAILABLE);
    scheduler.awaitEvent("reregistered master-a");
    Call resubscribe = masters.get(0).await("second SUBSCRIBE", 2, c -> c.getType() == Call.Type.SUBSCRIBE);
    assertEquals(List.of("web"), resubscribe.getSubscribe().getSuppressedRolesList());
  }

  @Test
  void anErrorSayingTheFrameworkWasTornDownStopsTheDriver() throws Exception {
    SchedulerDriver d = startViaZk();
    masters.get(0).send(Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage("framework fw-1 has been torn down")).build());
    CompletionException e = assertThrows(CompletionException.class, () -> d.terminated().join());
    assertInstanceOf(FrameworkRemovedException.class, e.getCause());
    assertTrue(scheduler.events().contains("error framework fw-1 has been torn down"));
    assertFalse(d.isSubscribed());
  }

  @Test
  void teardownSendsTeardownAndTerminates() throws Exception {
    SchedulerDriver d = startViaZk();
    d.teardown();
    masters.get(0).await(Call.Type.TEARDOWN);
    d.terminated().get(10, TimeUnit.SECONDS);
  }

  @Test
  void stopEndsTheStreamWithoutTearingDown() throws Exception {
    SchedulerDriver d = startViaZk();
    d.stop();
    d.terminated().get(10, TimeUnit.SECONDS);
    assertTrue(masters.get(0).calls().stream().noneMatch(c -> c.getType() == Call.Type.TEARDOWN));
    d.kill("t-1"); // ignored after termination, never throws
  }

  @Test
  void builderNeedsExactlyOneWayToFindTheMaster() {
    assertThrows(IllegalStateException.class, () -> DroverSchedulerDriver.builder(scheduler, config).build());
    assertThrows(IllegalStateException.class,
        () -> DroverSchedulerDriver.builder(scheduler, config).master("a:1").zk("b:2").build());
  }
}
