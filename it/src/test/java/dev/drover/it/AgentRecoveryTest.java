package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agent recovery with real processes: an agent JVM runs three Docker and three process tasks and is killed with
 * kill -9; then the master is killed too. One task of each kind ends while the agent or the master is away. The
 * agent restarts on the same work dir while no master runs, re-attaches to the four live tasks (same container ids,
 * same pids) and checkpoints the terminal updates of the two that ended; a new master starts, the agent
 * re-registers under the same id and the framework receives those updates.
 */
@RequiresDocker
class AgentRecoveryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Resources TASK = Resources.parse("cpus:0.1;mem:32");

  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aKilledAgentRestartsWithItsTasksStillRunningAndDeliversWhatHappenedWhileAway() throws Exception {
    cluster = ProcessCluster.start("agent-recovery");
    String zk = cluster.zk();
    DroverProcess master = cluster.master("master-1");
    int agentPort = Await.freePort();
    String[] agentArgs = cluster.agentArgs("agent", agentPort, "cpus:2;mem:1024;disk:1024;ports:[32000-32099]");
    DroverProcess agent = cluster.agent("agent", agentArgs);
    Await.until("the agent registered", TIMEOUT, () -> cluster.agentState(agentPort).map(
        s -> s.path("masterConnected").asBoolean()).orElse(false));
    String agentId = cluster.agentState(agentPort).orElseThrow().path("id").asText();

    RecordingScheduler scheduler = new RecordingScheduler();
    SchedulerDriver driver = DroverSchedulerDriver.builder(scheduler,
        FrameworkConfig.builder("it-recovery").failoverTimeout(Duration.ofMinutes(5)).build()).zk(zk).build();
    cluster.keep(driver::stop);
    driver.start();
    List<String> ids = List.of("docker-0", "docker-1", "docker-2", "process-0", "process-1", "process-2");
    for (String id : ids) {
      TaskSpec.Builder b = TaskSpec.builder(id).resources(TASK).shell("sleep 600");
      if (id.startsWith("docker")) {
        b.docker(DockerSpec.of(DockerCondition.IMAGE));
      }
      scheduler.submit(b.build());
    }
    driver.revive();
    Map<String, String> containers = new HashMap<>();
    for (String id : ids) {
      Await.until(id + " running", TIMEOUT, () -> scheduler.first(id, TaskState.RUNNING).isPresent());
      containers.put(id, scheduler.first(id, TaskState.RUNNING).orElseThrow().containerId());
    }
    cluster.keep(() -> containers.forEach((id, c) -> {
      if (id.startsWith("docker")) {
        DockerCondition.Cli.run(List.of("docker", "rm", "-f", c));
      } else {
        DockerCondition.Cli.run(List.of("kill", "-9", "--", "-" + c));  // the task's whole process group
      }
    }));

    agent.kill9();
    for (String id : ids) {
      assertTrue(alive(id, containers.get(id)), id + " survives the agent's kill -9");
    }
    // While the agent is down, process-0 ends; it is no longer the agent's child, so its exit code is unknowable.
    DockerCondition.Cli.run(List.of("kill", "-9", "--", "-" + containers.get("process-0")));
    master.kill9();

    DroverProcess restarted = cluster.agent("agent-restarted", agentArgs);
    Await.until("the restarted agent recovered its tasks", TIMEOUT, () -> agentTaskStates(agentPort).size() == 6
        && "TASK_FAILED".equals(agentTaskStates(agentPort).get("process-0")));
    // While no master runs, docker-0 is stopped from outside: the agent notices and keeps the update for later.
    DockerCondition.Cli.run(List.of("docker", "kill", containers.get("docker-0")));
    Await.until("docker-0 failed on the agent", TIMEOUT,
        () -> "TASK_FAILED".equals(agentTaskStates(agentPort).get("docker-0")));
    assertTrue(cluster.agentState(agentPort).map(s -> !s.path("masterConnected").asBoolean()).orElse(false),
        "no master runs yet");

    cluster.master("master-2");
    Await.until("the agent re-registered", TIMEOUT, () -> cluster.agentState(agentPort).map(
        s -> s.path("masterConnected").asBoolean()).orElse(false));
    assertEquals(agentId, cluster.agentState(agentPort).orElseThrow().path("id").asText(), "same agent id");
    Await.until("process-0's terminal update reached the framework", TIMEOUT,
        () -> scheduler.first("process-0", TaskState.FAILED).isPresent());
    Await.until("docker-0's terminal update reached the framework", TIMEOUT,
        () -> scheduler.first("docker-0", TaskState.FAILED).isPresent());
    TaskStatus ended = scheduler.first("process-0", TaskState.FAILED).orElseThrow();
    assertTrue(ended.message().contains("unknowable"), ended.message());
    assertEquals(agentId, ended.agentId());

    for (String id : List.of("docker-1", "docker-2", "process-1", "process-2")) {
      assertTrue(alive(id, containers.get(id)), id + " still runs in the same container / pid");
      assertEquals("TASK_RUNNING", agentTaskStates(agentPort).get(id), id + " running on the agent");
      assertTrue(scheduler.statesOf(id).stream().noneMatch(TaskState::isTerminal),
          id + " never ended: " + scheduler.statesOf(id));
    }
    assertTrue(restarted.isAlive());
  }

  private static boolean alive(String id, String container) {
    if (id.startsWith("docker")) {
      return "true".equals(DockerCondition.Cli.run(
          List.of("docker", "inspect", "-f", "{{.State.Running}}", container)));
    }
    return ProcessHandle.of(Long.parseLong(container)).map(ProcessHandle::isAlive).orElse(false);
  }

  private Map<String, String> agentTaskStates(int port) {
    Map<String, String> out = new HashMap<>();
    cluster.agentState(port).ifPresent(s -> s.path("tasks").forEach(t -> out.put(t.path("id").asText(),
        t.path("state").asText())));
    return out;
  }
}
