package dev.drover.agent.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.Poll;
import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskState;
import dev.drover.proto.v1.TaskStatus;
import dev.drover.zk.EmbeddedZooKeeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of an agent JVM ({@link AgentMain}) while a status update is unacknowledged, and a restart
 * on the same work dir: the update arrives again with the same uuid, the task still runs, and once the update is
 * acknowledged the next one follows.
 */
class AgentKill9Test {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String FW = "fw-1";

  @TempDir
  Path tmp;
  private EmbeddedZooKeeper zk;
  private String zkConnect;
  private FakeMaster master;
  private final List<Process> agents = new ArrayList<>();
  private Path workDir;

  @BeforeEach
  void setUp() throws Exception {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
    zkConnect = zk.connectString("/drover");
    master = new FakeMaster("master-1");
    master.publish(zkConnect);
    workDir = tmp.resolve("agent");
  }

  @AfterEach
  void tearDown() throws Exception {
    agents.forEach(Process::destroyForcibly);
    Path pid = workDir.resolve("sandboxes").resolve(FW).resolve("t").resolve("pid");
    if (Files.exists(pid)) {  // the task outlives the agents by design: end its process group
      new ProcessBuilder("kill", "-9", "--", "-" + Files.readString(pid).trim()).inheritIO().start().waitFor();
    }
    master.close();
    zk.close();
  }

  @Test
  void anUpdateUnacknowledgedAtAKill9IsSentAgainAfterTheRestartWithTheSameUuid() throws Exception {
    master.autoAck(false);
    Process first = startAgent("first");
    awaitFromStream(1, AgentMessage.Type.REGISTER);
    master.send(MasterMessage.newBuilder().setType(MasterMessage.Type.RUN_TASKS)
        .setRunTasks(MasterMessage.RunTasks.newBuilder()
            .setFramework(FrameworkInfo.newBuilder().setId(fw()).setName("test"))
            .addTasks(TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
                .addAllResources(ProtoResources.toProto(Resources.parse("cpus:0.1")))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue("echo $$ > pid; exec sleep 600"))))
        .build());
    TaskStatus starting = Poll.until(WAIT, "STARTING", () -> master.statuses("t").stream().findFirst());
    assertEquals(TaskState.TASK_STARTING, starting.getState());
    Path pidFile = workDir.resolve("sandboxes").resolve(FW).resolve("t").resolve("pid");
    Poll.until(WAIT, "the task runs", () -> Files.exists(pidFile) && !read(pidFile).isEmpty());
    long pid = Long.parseLong(read(pidFile));

    new ProcessBuilder("kill", "-9", Long.toString(first.pid())).inheritIO().start().waitFor();
    first.waitFor();
    assertEquals(137, first.exitValue(), "killed by SIGKILL");
    assertTrue(master.statuses("t").stream().allMatch(s -> s.getUuid().equals(starting.getUuid())),
        "only STARTING was ever sent: it was never acknowledged");
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the task outlives the agent");

    startAgent("restarted");
    int stream = Poll.until(WAIT, "REREGISTER from the restarted agent", () -> master.received().stream()
        .filter(r -> r.message().getType() == AgentMessage.Type.REREGISTER).map(FakeMaster.Received::stream)
        .findFirst());
    assertTrue(stream >= 2);
    TaskStatus again = Poll.until(WAIT, "an update of t after the restart", () -> updatesOn(stream).findFirst());
    assertEquals(TaskState.TASK_STARTING, again.getState());
    assertEquals(starting.getUuid(), again.getUuid(), "the same update, not a new one");
    assertEquals(starting.getTimestamp(), again.getTimestamp());
    assertTrue(updatesOn(stream).allMatch(s -> s.getUuid().equals(starting.getUuid())),
        "nothing else of t before STARTING is acknowledged");

    master.ack(again);
    TaskStatus running = Poll.until(WAIT, "RUNNING once STARTING is acknowledged", () -> updatesOn(stream)
        .filter(s -> s.getState() == TaskState.TASK_RUNNING).findFirst());
    assertNotEquals(starting.getUuid(), running.getUuid());
    assertEquals(Long.toString(pid), running.getContainerId(), "the same process, re-attached");
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    Poll.until(WAIT, "RUNNING re-sent while unacknowledged", () -> updatesOn(stream)
        .filter(s -> s.getState() == TaskState.TASK_RUNNING).count() >= 2);
    List<TaskState> order = updatesOn(stream).map(TaskStatus::getState).toList();
    assertEquals(List.of(TaskState.TASK_RUNNING), order.subList(order.indexOf(TaskState.TASK_RUNNING), order.size())
        .stream().distinct().toList(), "an acknowledged STARTING is not sent again: " + order);
    master.ack(running);
  }

  private java.util.stream.Stream<TaskStatus> updatesOn(int stream) {
    return master.received().stream().filter(r -> r.stream() == stream
        && r.message().getType() == AgentMessage.Type.STATUS_UPDATE)
        .map(r -> r.message().getStatusUpdate().getStatus()).filter(s -> s.getTaskId().getValue().equals("t"));
  }

  private void awaitFromStream(int stream, AgentMessage.Type type) {
    Poll.until(WAIT, type + " on stream " + stream, () -> master.received().stream()
        .filter(r -> r.stream() == stream && r.message().getType() == type).findFirst());
  }

  private Process startAgent(String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), AgentMain.class.getName(), zkConnect,
        workDir.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(name + ".log").toFile())).start();
    agents.add(p);
    return p;
  }

  private static FrameworkID fw() {
    return FrameworkID.newBuilder().setValue(FW).build();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
