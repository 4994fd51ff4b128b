package dev.drover.agent.container.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.drover.agent.DockerCondition;
import dev.drover.agent.Poll;
import dev.drover.agent.RequiresDocker;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Docker tasks through the real TaskManager and a real engine, with the busybox image from docker-setup.sh. */
@RequiresDocker
class DockerContainerizerTest {
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
  void httpdInBridgeModeAnswersOnItsMappedHostPortAndLogsReachTheSandbox() throws Exception {
    int hostPort = freePort();
    DockerSpec docker = new DockerSpec(DockerCondition.IMAGE, DockerSpec.Network.BRIDGE,
        List.of(new DockerSpec.PortMapping(0, 8080, "tcp")), false, false, List.of());
    TaskSpec spec = task("cpus:0.5;mem:64;ports:[" + hostPort + "-" + hostPort + "]",
        shell("echo serving; echo oops >&2; exec httpd -f -p 8080 -h /www"), docker);
    agent.run(spec);
    StatusUpdate running = agent.await(spec.key(), TaskState.RUNNING, WAIT);
    assertEquals(64, running.containerId().length(), "the status carries the Docker container id");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String body = Poll.until(WAIT, "httpd on host port " + hostPort, () -> {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + hostPort + "/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals("drover", body.trim());
    Path sandbox = tmp.resolve("sandboxes").resolve("fw").resolve(spec.key().taskId());
    Poll.until(WAIT, "stdout in the sandbox", () -> read(sandbox.resolve("stdout")).contains("serving"));
    Poll.until(WAIT, "stderr in the sandbox", () -> read(sandbox.resolve("stderr")).contains("oops"));

    InspectContainerResponse inspect = agent.docker.client().inspectContainerCmd(running.containerId()).exec();
    assertEquals("/" + DockerLabels.containerName(spec.key()), inspect.getName());
    assertEquals(Map.of(DockerLabels.TASK, spec.key().taskId(), DockerLabels.FRAMEWORK, "fw",
        DockerLabels.AGENT, TaskHarness.AGENT_ID), inspect.getConfig().getLabels());
  }

  @Test
  void memoryAndCpuLimitsAreVisibleInInspect() {
    TaskSpec spec = task("cpus:0.25;mem:48", shell("sleep 600"), DockerSpec.of(DockerCondition.IMAGE));
    agent.run(spec);
    StatusUpdate running = agent.await(spec.key(), TaskState.RUNNING, WAIT);
    HostConfig host = agent.docker.client().inspectContainerCmd(running.containerId()).exec().getHostConfig();
    assertEquals(48L << 20, host.getMemory());
    assertEquals(48L << 20, host.getMemorySwap());
    assertEquals(256, host.getCpuShares());
    assertEquals(100_000L, host.getCpuPeriod());
    assertEquals(25_000L, host.getCpuQuota());
  }

  @Test
  void killSendsSigtermAndWaitsTheGracePeriodBeforeSigkill() {
    // PID 1 ignores SIGTERM here, so only the SIGKILL after the grace period ends it.
    TaskSpec stubborn = task("cpus:0.1;mem:32", shell("trap '' TERM; echo set > trap; while true; do sleep 1; done"),
        DockerSpec.of(DockerCondition.IMAGE));
    // This one leaves at once on SIGTERM.
    TaskSpec polite = task("cpus:0.1;mem:32",
        shell("trap 'exit 0' TERM; echo set > trap; while true; do sleep 0.2; done"),
        DockerSpec.of(DockerCondition.IMAGE));
    agent.run(stubborn);
    agent.run(polite);
    // RUNNING means the container started, not that its shell has set its trap yet; until it has, PID 1 ignores
    // SIGTERM (a busy machine once showed the polite task outliving the grace period that way).
    for (TaskSpec t : List.of(stubborn, polite)) {
      agent.await(t.key(), TaskState.RUNNING, WAIT);
      Path trap = tmp.resolve("sandboxes").resolve("fw").resolve(t.key().taskId()).resolve("trap");
      Poll.until(WAIT, t.key().taskId() + " set its trap", () -> Files.exists(trap));
    }

    Duration grace = Duration.ofSeconds(3);
    long start = System.nanoTime();
    agent.kill(stubborn.key(), grace);
    agent.kill(polite.key(), grace);
    StatusUpdate politeEnd = agent.awaitTerminal(polite.key(), WAIT);
    Duration politeTook = Duration.ofNanos(System.nanoTime() - start);
    StatusUpdate stubbornEnd = agent.awaitTerminal(stubborn.key(), WAIT);
    Duration stubbornTook = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(TaskState.KILLED, politeEnd.state());
    assertEquals(TaskState.KILLED, stubbornEnd.state());
    // Its own exit code, not SIGKILL's 137: SIGTERM came first and ended it (no upper bound on time: a busy machine
    // may be slow to report the exit, which says nothing about the signals).
    assertEquals(0, politeEnd.exitCode().orElse(-1), "SIGTERM ended the polite task, after "
        + politeTook.toMillis() + " ms");
    assertTrue(stubbornTook.compareTo(grace) >= 0, "the stubborn task lived through the grace period: "
        + stubbornTook.toMillis() + " ms");
    assertEquals(137, stubbornEnd.exitCode().orElse(-1), "SIGKILL");
  }

  @Test
  void aTaskOverItsMemoryLimitFailsWithTheOomReason() {
    TaskSpec spec = task("cpus:0.5;mem:16", shell(TaskHarness.MEMORY_HOG),
        DockerSpec.of(DockerCondition.IMAGE));
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.FAILED, end.state());
    assertEquals(TaskReason.CONTAINER_LIMITATION_MEMORY, end.reason(), end.toString());
  }

  @Test
  void exitCodesBecomeFinishedOrFailed() {
    TaskSpec ok = task("cpus:0.1;mem:32", shell("exit 0"), DockerSpec.of(DockerCondition.IMAGE));
    TaskSpec bad = task("cpus:0.1;mem:32", shell("exit 3"), DockerSpec.of(DockerCondition.IMAGE));
    TaskSpec argv = task("cpus:0.1;mem:32", new CommandSpec(false, "/bin/echo", List.of("echo", "x"), Map.of()),
        DockerSpec.of(DockerCondition.IMAGE));
    agent.run(ok);
    agent.run(bad);
    agent.run(argv);
    assertEquals(TaskState.FINISHED, agent.awaitTerminal(ok.key(), WAIT).state());
    StatusUpdate failed = agent.awaitTerminal(bad.key(), WAIT);
    assertEquals(TaskState.FAILED, failed.state());
    assertEquals(3, failed.exitCode().orElse(-1));
    assertEquals(TaskState.FINISHED, agent.awaitTerminal(argv.key(), WAIT).state());
    assertTrue(agent.docker.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(DockerLabels.TASK, ok.key().taskId())).exec().isEmpty(),
        "finished containers are removed");
  }

  @Test
  void aMissingImageFailsWithImageUnavailable() {
    TaskSpec spec = task("cpus:0.1;mem:32", shell("true"), DockerSpec.of("local/no-such-image:" + UUID.randomUUID()));
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.FAILED, end.state());
    assertEquals(TaskReason.IMAGE_UNAVAILABLE, end.reason());
    assertTrue(end.message().contains("cannot be pulled"), end.message());
  }

  @Test
  void privilegedContainersAndHostPathsAreRefusedUnlessAllowed() {
    DockerSpec privileged = new DockerSpec(DockerCondition.IMAGE, DockerSpec.Network.BRIDGE, List.of(), true, false,
        List.of());
    DockerSpec hostPath = new DockerSpec(DockerCondition.IMAGE, DockerSpec.Network.BRIDGE, List.of(), false, false,
        List.of(new DockerSpec.Volume("/etc", "/host-etc", true)));
    TaskSpec a = task("cpus:0.1;mem:32", shell("true"), privileged);
    TaskSpec b = task("cpus:0.1;mem:32", shell("true"), hostPath);
    agent.run(a);
    agent.run(b);
    StatusUpdate ea = agent.awaitTerminal(a.key(), WAIT);
    StatusUpdate eb = agent.awaitTerminal(b.key(), WAIT);
    assertEquals(TaskState.ERROR, ea.state());
    assertTrue(ea.message().contains("privileged"), ea.message());
    assertEquals(TaskState.ERROR, eb.state());
    assertTrue(eb.message().contains("/etc"), eb.message());
  }

  @Test
  void aMappingToAPortTheTaskDoesNotHoldIsRefused() {
    DockerSpec docker = new DockerSpec(DockerCondition.IMAGE, DockerSpec.Network.BRIDGE,
        List.of(new DockerSpec.PortMapping(31999, 80, "tcp")), false, false, List.of());
    TaskSpec spec = task("cpus:0.1;mem:32;ports:[31000-31000]", shell("true"), docker);
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.ERROR, end.state());
    assertTrue(end.message().contains("31999"), end.message());
  }

  static TaskSpec task(String resources, CommandSpec command, DockerSpec docker) {
    return new TaskSpec(new TaskKey("fw", "t-" + UUID.randomUUID().toString().substring(0, 8)), "test",
        Resources.parse(resources), command, Optional.empty(), Optional.of(docker));
  }

  static CommandSpec shell(String command) {
    return new CommandSpec(true, command, List.of(), Map.of());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
