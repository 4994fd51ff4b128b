package dev.drover.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.agent.DockerCondition;
import dev.drover.agent.Poll;
import dev.drover.agent.RequiresDocker;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health checks against real tasks; results arrive as RUNNING updates with {@code healthy}, only on change. */
class HealthCheckTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;
  private TaskHarness agent;

  @BeforeEach
  void setUp() {
    agent = new TaskHarness(tmp.resolve("sandboxes"));
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  @Test
  void anHttpCheckTurnsUnhealthyWhenTheServerStops() throws Exception {
    int port = freePort();
    TaskSpec spec = task("cpus:0.1;mem:32;ports:[" + port + "-" + port + "]",
        "echo ok > index.html; busybox httpd -f -p 127.0.0.1:$PORT0 -h . & echo $! > httpd.pid;"
            + " while true; do sleep 1; done",
        check(HealthCheckSpec.Type.HTTP, 0, Optional.empty()), Optional.empty());
    agent.run(spec);
    Poll.until(WAIT, "healthy", () -> health(spec.key()).equals(List.of(true)));
    Path pidFile = sandbox(spec).resolve("httpd.pid");
    long httpd = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(httpd).orElseThrow().destroy();
    Poll.until(WAIT, "unhealthy", () -> health(spec.key()).equals(List.of(true, false)));
    StatusUpdate last = agent.updates.get(agent.updates.size() - 1);
    assertEquals(TaskState.RUNNING, last.state());
    assertEquals(TaskReason.TASK_HEALTH_CHECK_STATUS_UPDATED, last.reason());
    assertEquals(Optional.of(false), last.healthy());
  }

  @Test
  void aTcpCheckFollowsTheListener() throws Exception {
    int port = freePort();
    TaskSpec spec = task("cpus:0.1;mem:32", "sleep 600", check(HealthCheckSpec.Type.TCP, port, Optional.empty()),
        Optional.empty());
    agent.run(spec);
    Poll.until(WAIT, "unhealthy with nothing listening", () -> health(spec.key()).equals(List.of(false)));
    try (ServerSocket listener = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      Poll.until(WAIT, "healthy once listening", () -> health(spec.key()).equals(List.of(false, true)));
    }
  }

  @Test
  void aTaskWithTwoChecksIsUnhealthyWhileOneFails() throws Exception {
    try (ServerSocket up = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int down = freePort();
      TaskSpec spec = new TaskSpec(new TaskKey("fw", "t-" + UUID.randomUUID().toString().substring(0, 8)), "test",
          Resources.parse("cpus:0.1;mem:32"), new CommandSpec(true, "sleep 600", List.of(), Map.of()),
          Optional.empty(), Optional.empty(), List.of(check(HealthCheckSpec.Type.TCP, up.getLocalPort(),
              Optional.empty()), check(HealthCheckSpec.Type.TCP, down, Optional.empty())));
      agent.run(spec);
      Poll.until(WAIT, "unhealthy: the second check fails", () -> health(spec.key()).equals(List.of(false)));
      try (ServerSocket second = new ServerSocket(down, 50, java.net.InetAddress.getLoopbackAddress())) {
        Poll.until(WAIT, "healthy once both pass", () -> health(spec.key()).equals(List.of(false, true)));
      }
    }
  }

  @Test
  @RequiresDocker
  void aCommandCheckRunsInsideTheContainer() throws Exception {
    TaskSpec spec = task("cpus:0.1;mem:32", "touch ok; sleep 600", check(HealthCheckSpec.Type.COMMAND, 0,
        Optional.of(new CommandSpec(true, "test -f /mnt/mesos/sandbox/ok", List.of(), Map.of()))),
        Optional.of(DockerSpec.of(DockerCondition.IMAGE)));
    agent.run(spec);
    Poll.until(WAIT, "healthy", () -> health(spec.key()).equals(List.of(true)));
    Files.delete(sandbox(spec).resolve("ok"));
    Poll.until(WAIT, "unhealthy", () -> health(spec.key()).equals(List.of(true, false)));
  }

  /** The mapping asks for any host port (0): the check must probe the one the container got, not port 0. */
  @Test
  @RequiresDocker
  void anHttpCheckOnABridgeContainerProbesItsAutoAssignedHostPort() throws Exception {
    int hostPort = freePort();
    DockerSpec docker = new DockerSpec(DockerCondition.IMAGE, DockerSpec.Network.BRIDGE,
        List.of(new DockerSpec.PortMapping(0, 8080, "tcp")), false, false, List.of());
    TaskSpec spec = task("cpus:0.1;mem:32;ports:[" + hostPort + "-" + hostPort + "]",
        "httpd -f -p 8080 -h /www & h=$!; while [ ! -f stop ]; do sleep 0.1; done; kill $h; sleep 600",
        new HealthCheckSpec(HealthCheckSpec.Type.HTTP, "/index.html", 8080, -1, "http", Optional.empty(),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1), 2, Duration.ZERO),
        Optional.of(docker));
    agent.run(spec);
    Poll.until(WAIT, "healthy through host port " + hostPort, () -> health(spec.key()).equals(List.of(true)));
    Files.createFile(sandbox(spec).resolve("stop"));
    Poll.until(WAIT, "unhealthy once httpd stops", () -> health(spec.key()).equals(List.of(true, false)));
  }

  private List<Boolean> health(TaskKey key) {
    return agent.updates.stream().filter(u -> u.key().equals(key)
        && u.reason() == TaskReason.TASK_HEALTH_CHECK_STATUS_UPDATED).map(u -> u.healthy().orElseThrow()).toList();
  }

  private Path sandbox(TaskSpec spec) {
    return tmp.resolve("sandboxes").resolve("fw").resolve(spec.key().taskId());
  }

  private static HealthCheckSpec check(HealthCheckSpec.Type type, int port, Optional<CommandSpec> command) {
    return new HealthCheckSpec(type, "/index.html", port, 0, "http", command, Duration.ofMillis(50),
        Duration.ofMillis(200), Duration.ofSeconds(1), 2, Duration.ofMillis(100));
  }

  private static TaskSpec task(String resources, String command, HealthCheckSpec check,
      Optional<DockerSpec> docker) {
    return new TaskSpec(new TaskKey("fw", "t-" + UUID.randomUUID().toString().substring(0, 8)), "test",
        Resources.parse(resources), new CommandSpec(true, command, List.of(), Map.of()), Optional.empty(), docker,
        Optional.of(check));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
