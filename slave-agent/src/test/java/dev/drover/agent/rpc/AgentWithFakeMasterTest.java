package dev.drover.agent.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import dev.drover.agent.Poll;
import dev.drover.agent.task.ProcessGroups;
import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.KillPolicy;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.Reason;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskState;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.zk.EmbeddedZooKeeper;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a fake master over a real gRPC stream, with a real embedded ZooKeeper and real processes. */
class AgentWithFakeMasterTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String FW = "fw-1";

  @TempDir
  Path tmp;
  private EmbeddedZooKeeper zk;
  private String zkConnect;
  private FakeMaster master;
  private Agent agent;
  private Path workDir;

  @BeforeEach
  void setUp() throws Exception {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
    zkConnect = zk.connectString("/drover");
    master = new FakeMaster("master-1");
    master.publish(zkConnect);
    workDir = tmp.resolve("agent");
    agent = Agent.start(config());
  }

  private AgentConfig config() {
    return AgentConfig.defaults(zkConnect, workDir)
        .withHostname("127.0.0.1").withBindAddress("127.0.0.1").withHttpPort(0)
        .withResources("cpus:2;mem:512;disk:1000;ports:[31000-31010]")
        .withAttributes("rack:r1;level:2")
        .withZkSessionTimeout(Duration.ofSeconds(2))
        .withStatusRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
    master.close();
    zk.close();
  }

  @Test
  void registersAndPersistsTheIdItIsGiven() throws Exception {
    AgentMessage register = awaitMessage(master, AgentMessage.Type.REGISTER);
    assertEquals("", register.getRegister().getAgentInfo().getId().getValue());
    assertEquals("127.0.0.1", register.getRegister().getAgentInfo().getHostname());
    assertEquals(agent.httpPort(), register.getRegister().getAgentInfo().getPort());
    assertEquals(Resources.parse("cpus:2;mem:512;disk:1000;ports:[31000-31010]"),
        ProtoResources.toDomain(register.getRegister().getAgentInfo().getResourcesList()));
    assertEquals(2, register.getRegister().getAgentInfo().getAttributesCount());

    Poll.until(WAIT, "agent id", () -> agent.agentId().isPresent());
    assertEquals("agent-1", agent.agentId().orElseThrow());
    assertEquals("agent-1", Files.readString(workDir.resolve("meta/agent-id")).trim());

    assertEquals(new JsonObject().put("status", "ok"), new JsonObject(get("/health")));
    Poll.until(WAIT, "masterConnected", () -> new JsonObject(get("/state")).getBoolean("masterConnected"));
    JsonObject state = new JsonObject(get("/state"));
    assertEquals("agent-1", state.getString("id"));
    assertEquals(2.0, state.getJsonObject("resources").getDouble("cpus"));
    assertEquals("[31000-31010]", state.getJsonObject("resources").getString("ports"));
    assertEquals("r1", state.getJsonObject("attributes").getString("rack"));
  }

  @Test
  void runsATaskToFinishedWithOutputAndEnvironmentInItsSandbox() throws Exception {
    awaitRegistered();
    master.send(runTasks(shellTask("t1", "echo hello; echo id=$DROVER_TASK_ID port=$PORT0 ports=$PORTS; exit 0",
        "cpus:0.5;mem:64;ports:[31000-31001]")));
    List<TaskStatus> statuses = awaitStates("t1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
        TaskState.TASK_FINISHED);
    TaskStatus finished = statuses.get(2);
    assertTrue(finished.getHasExitCode());
    assertEquals(0, finished.getExitCode());
    assertEquals(TaskStatus.Source.SOURCE_AGENT, finished.getSource());
    assertEquals("agent-1", finished.getAgentId().getValue());
    assertEquals(FW, finished.getFrameworkId().getValue());
    assertEquals(16, finished.getUuid().size());
    assertTrue(finished.getTimestamp() > 0);
    Path sandbox = workDir.resolve("sandboxes").resolve(FW).resolve("t1");
    String out = Files.readString(sandbox.resolve("stdout"));
    assertTrue(out.contains("hello"), out);
    assertTrue(out.contains("id=t1 port=31000 ports=31000,31001"), out);
    assertTrue(Files.exists(sandbox.resolve("stderr")));
  }

  @Test
  void reportsANonZeroExitAsFailedWithTheCode() {
    awaitRegistered();
    master.send(runTasks(shellTask("t2", "exit 3", "cpus:0.1")));
    TaskStatus failed = awaitStates("t2", TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
        TaskState.TASK_FAILED).get(2);
    assertTrue(failed.getHasExitCode());
    assertEquals(3, failed.getExitCode());
    assertEquals("exited with code 3", failed.getMessage());
    assertEquals(Reason.REASON_COMMAND_EXECUTOR_FAILED, failed.getReason());
  }

  @Test
  void killTerminatesTheWholeProcessGroup() {
    awaitRegistered();
    master.send(runTasks(shellTask("t3", "sleep 60 & sleep 60; wait", "cpus:0.1")));
    TaskStatus running = awaitStates("t3", TaskState.TASK_STARTING, TaskState.TASK_RUNNING).get(1);
    long pid = Long.parseLong(running.getContainerId());
    assertTrue(ProcessGroups.groupAlive(pid));
    master.send(MasterMessage.newBuilder().setType(MasterMessage.Type.KILL_TASK)
        .setKillTask(MasterMessage.KillTask.newBuilder().setFrameworkId(fw()).setTaskId(taskId("t3"))
            .setKillPolicy(KillPolicy.newBuilder().setGracePeriodSeconds(2))).build());
    TaskStatus killed = awaitStates("t3", TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
        TaskState.TASK_KILLING, TaskState.TASK_KILLED).get(3);
    assertEquals(Reason.REASON_KILLED_BY_FRAMEWORK, killed.getReason());
    Poll.until(WAIT, "process group " + pid + " gone", () -> !ProcessGroups.groupAlive(pid));

    master.send(MasterMessage.newBuilder().setType(MasterMessage.Type.KILL_TASK)
        .setKillTask(MasterMessage.KillTask.newBuilder().setFrameworkId(fw()).setTaskId(taskId("nope"))).build());
    assertEquals(Reason.REASON_TASK_UNKNOWN, awaitStates("nope", TaskState.TASK_GONE).get(0).getReason());
  }

  @Test
  void refusesATaskThatDoesNotFitNamingWhatIsShort() {
    awaitRegistered();
    master.send(runTasks(shellTask("big", "true", "cpus:5;mem:64")));
    TaskStatus error = awaitStates("big", TaskState.TASK_ERROR).get(0);
    assertTrue(error.getMessage().contains("cpus"), error.getMessage());
    assertFalse(error.getMessage().contains("mem"), error.getMessage());

    // Two tasks in one batch that fit alone but not together: the second is refused.
    master.send(runTasks(shellTask("a", "sleep 60", "cpus:1.5"), shellTask("b", "sleep 60", "cpus:1")));
    awaitStates("a", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    assertTrue(awaitStates("b", TaskState.TASK_ERROR).get(0).getMessage().contains("cpus"));
    // The same id again while it runs is refused too.
    master.send(runTasks(shellTask("a", "sleep 60", "cpus:0.1")));
    Poll.until(WAIT, "duplicate refused", () -> master.statuses("a").stream()
        .anyMatch(s -> s.getState() == TaskState.TASK_ERROR && s.getMessage().contains("already")));
  }

  @Test
  void runsArgvCommandsAndReportsALaunchThatCannotStart() throws Exception {
    awaitRegistered();
    master.send(runTasks(argvTask("argv", "/bin/echo", "echo", "from", "argv"),
        argvTask("missing", "/no/such/program", "x")));
    awaitStates("argv", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    Path out = workDir.resolve("sandboxes").resolve(FW).resolve("argv").resolve("stdout");
    assertEquals("from argv\n", Files.readString(out));
    TaskStatus failed = awaitStates("missing", TaskState.TASK_STARTING, TaskState.TASK_FAILED).get(1);
    assertEquals(Reason.REASON_CONTAINER_LAUNCH_FAILED, failed.getReason());
    assertTrue(failed.getMessage().contains("/no/such/program"), failed.getMessage());
    assertEquals(0.0, new JsonObject(get("/state")).getJsonObject("used").getDouble("cpus", 0.0));
  }

  @Test
  void closeKillsTheTasksItStarted() {
    awaitRegistered();
    master.send(runTasks(shellTask("t6", "sleep 60 & sleep 60; wait", "cpus:0.1")));
    long pid = Long.parseLong(awaitStates("t6", TaskState.TASK_STARTING, TaskState.TASK_RUNNING).get(1)
        .getContainerId());
    assertTrue(ProcessGroups.groupAlive(pid));
    agent.close();
    agent = null;
    Poll.until(WAIT, "process group " + pid + " gone", () -> !ProcessGroups.groupAlive(pid));
  }

  @Test
  void resendsAnUnacknowledgedUpdateAndHoldsBackTheNext() {
    awaitRegistered();
    master.autoAck(false);
    master.send(runTasks(shellTask("t4", "sleep 60", "cpus:0.1")));
    Poll.until(WAIT, "STARTING re-sent", () -> master.statuses("t4").size() >= 3);
    List<TaskStatus> sent = master.statuses("t4");
    assertTrue(sent.stream().allMatch(s -> s.getState() == TaskState.TASK_STARTING), sent.toString());
    assertTrue(sent.stream().allMatch(s -> s.getUuid().equals(sent.get(0).getUuid())));
    master.ack(sent.get(0));
    TaskStatus running = Poll.until(WAIT, "RUNNING after ack", () -> master.statuses("t4").stream()
        .filter(s -> s.getState() == TaskState.TASK_RUNNING).findFirst());
    assertFalse(running.getUuid().equals(sent.get(0).getUuid()));
  }

  @Test
  void answersPingsAndReconciliation() {
    awaitRegistered();
    master.send(MasterMessage.newBuilder().setType(MasterMessage.Type.PING)
        .setPing(MasterMessage.Ping.newBuilder().setSequence(7)).build());
    Poll.until(WAIT, "PONG 7", () -> master.messages().stream()
        .anyMatch(m -> m.getType() == AgentMessage.Type.PONG && m.getPong().getSequence() == 7));

    master.send(runTasks(shellTask("t5", "sleep 60", "cpus:0.1")));
    awaitStates("t5", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    master.send(MasterMessage.newBuilder().setType(MasterMessage.Type.RECONCILE)
        .setReconcile(MasterMessage.Reconcile.newBuilder().addTaskIds(taskId("t5")).addFrameworkIds(fw())
            .addTaskIds(taskId("ghost")).addFrameworkIds(fw())).build());
    Poll.until(WAIT, "t5's latest status again", () -> master.statuses("t5").stream()
        .filter(s -> s.getState() == TaskState.TASK_RUNNING).count() >= 2);
    assertEquals(Reason.REASON_RECONCILIATION, awaitStates("ghost", TaskState.TASK_GONE).get(0).getReason());
  }

  @Test
  void reconnectsWhenTheMasterFallsSilent() {
    master.pingInterval(Duration.ofMillis(100));
    awaitMessage(master, AgentMessage.Type.REGISTER);
    Poll.until(WAIT, "a second stream after missed pings", () -> master.received().stream()
        .anyMatch(r -> r.stream() >= 2 && r.message().getType() == AgentMessage.Type.REREGISTER));
  }

  @Test
  void followsANewLeaderReregisteringWithItsTasksAndDeliveringQueuedUpdates() throws Exception {
    awaitRegistered();
    master.send(runTasks(shellTask("long", "sleep 60", "cpus:0.5"),
        shellTask("gated", "while [ ! -f go ]; do sleep 0.05; done; exit 0", "cpus:0.5")));
    awaitStates("long", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    awaitStates("gated", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    master.failStream();
    master.close();  // its ZooKeeper session ends: the leader record goes away
    Poll.until(WAIT, "agent disconnected", () -> !new JsonObject(get("/state")).getBoolean("masterConnected"));
    Files.createFile(workDir.resolve("sandboxes").resolve(FW).resolve("gated").resolve("go"));
    Poll.until(WAIT, "gated finished while disconnected", () -> new JsonObject(get("/state")).getJsonArray("tasks")
        .stream().map(JsonObject.class::cast)
        .anyMatch(t -> t.getString("id").equals("gated") && t.getString("state").equals("TASK_FINISHED")));

    FakeMaster second = new FakeMaster("master-2");
    try {
      second.publish(zkConnect);
      AgentMessage rereg = awaitMessage(second, AgentMessage.Type.REREGISTER);
      AgentMessage.Register r = rereg.getRegister();
      assertEquals("agent-1", r.getAgentInfo().getId().getValue());
      List<String> tasks = r.getTasksList().stream().map(t -> t.getTaskId().getValue()).toList();
      assertTrue(tasks.contains("long"), tasks.toString());
      assertEquals(r.getTasksCount(), r.getTaskStatusesCount());
      int i = tasks.indexOf("long");
      assertEquals(TaskState.TASK_RUNNING, r.getTaskStatuses(i).getState());
      assertEquals("long", r.getTaskStatuses(i).getTaskId().getValue());
      assertEquals("sleep 60", r.getTasks(i).getCommand().getValue());
      assertEquals(List.of(fw()), r.getFrameworksList());

      TaskStatus finished = awaitStates(second, "gated", TaskState.TASK_FINISHED).get(0);
      assertEquals(0, finished.getExitCode());
      int registeredAt = second.messages().indexOf(rereg);
      assertTrue(second.messages().indexOf(second.messages().stream()
          .filter(m -> m.getType() == AgentMessage.Type.STATUS_UPDATE).findFirst().orElseThrow()) > registeredAt);
      assertEquals("agent-1", agent.agentId().orElseThrow());
    } finally {
      agent.close();
      agent = null;
      second.close();
    }
  }

  // --- helpers

  private static FrameworkID fw() {
    return FrameworkID.newBuilder().setValue(FW).build();
  }

  private static TaskID taskId(String id) {
    return TaskID.newBuilder().setValue(id).build();
  }

  private static TaskInfo shellTask(String id, String command, String resources) {
    return TaskInfo.newBuilder().setName(id).setTaskId(taskId(id))
        .addAllResources(ProtoResources.toProto(Resources.parse(resources)))
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command)).build();
  }

  private static TaskInfo argvTask(String id, String program, String... argv) {
    return TaskInfo.newBuilder().setName(id).setTaskId(taskId(id))
        .addAllResources(ProtoResources.toProto(Resources.parse("cpus:0.1")))
        .setCommand(CommandInfo.newBuilder().setShell(false).setValue(program).addAllArguments(List.of(argv)))
        .build();
  }

  private static MasterMessage runTasks(TaskInfo... tasks) {
    return MasterMessage.newBuilder().setType(MasterMessage.Type.RUN_TASKS)
        .setRunTasks(MasterMessage.RunTasks.newBuilder()
            .setFramework(FrameworkInfo.newBuilder().setId(fw()).setName("test"))
            .addAllTasks(List.of(tasks))).build();
  }

  private void awaitRegistered() {
    awaitMessage(master, AgentMessage.Type.REGISTER);
    Poll.until(WAIT, "registered", () -> agent.agentId().isPresent());
  }

  private static AgentMessage awaitMessage(FakeMaster m, AgentMessage.Type type) {
    return Poll.until(WAIT, type.toString(), () -> m.messages().stream().filter(x -> x.getType() == type)
        .findFirst());
  }

  private List<TaskStatus> awaitStates(String taskId, TaskState... states) {
    return awaitStates(master, taskId, states);
  }

  /** Waits until the task's distinct updates (re-sends folded) are exactly {@code states}, in order. */
  private static List<TaskStatus> awaitStates(FakeMaster m, String taskId, TaskState... states) {
    return Poll.until(WAIT, taskId + " " + List.of(states), () -> {
      List<TaskStatus> distinct = m.statuses(taskId).stream()
          .collect(java.util.stream.Collectors.toMap(TaskStatus::getUuid, s -> s, (a, b) -> a,
              java.util.LinkedHashMap::new)).values().stream().toList();
      List<TaskState> seen = distinct.stream().map(TaskStatus::getState).toList();
      return seen.equals(List.of(states)) ? Optional.of(distinct) : Optional.empty();
    });
  }

  private String get(String path) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.httpPort() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
