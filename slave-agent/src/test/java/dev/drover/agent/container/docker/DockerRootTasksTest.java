package dev.drover.agent.container.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.DockerCondition;
import dev.drover.agent.RequiresDocker;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an agent without {@code --allow-root-tasks}, a Docker task that would run as root (busybox names no user) is
 * refused and leaves no container; the same task with a user of its own runs. A real engine (docs/security.md).
 */
@RequiresDocker
class DockerRootTasksTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;
  private TaskHarness agent;

  @BeforeEach
  void setUp() {
    agent = new TaskHarness(tmp.resolve("sandboxes"), Resources.parse("cpus:4;mem:4096;disk:1000"),
        ContainerOptions.defaults().withAllowRootTasks(false));
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  @Test
  void aContainerThatWouldRunAsRootIsRefusedAndOneWithAUserRuns() {
    TaskSpec root = DockerContainerizerTest.task("cpus:0.1;mem:32", DockerContainerizerTest.shell("sleep 600"),
        DockerSpec.of(DockerCondition.IMAGE));
    agent.run(root);
    StatusUpdate refused = agent.awaitTerminal(root.key(), WAIT);
    assertTrue(refused.state() == TaskState.ERROR || refused.state() == TaskState.FAILED, refused.toString());
    assertTrue(refused.message().contains("root"), refused.toString());
    assertEquals(List.of(), agent.docker.client().listContainersCmd().withShowAll(true)
        .withNameFilter(List.of(DockerLabels.containerName(root.key()))).exec(), "no container is left behind");

    TaskSpec nobody = DockerContainerizerTest.task("cpus:0.1;mem:32",
        new CommandSpec(true, "sleep 600", List.of(), Map.of(), "65534"), DockerSpec.of(DockerCondition.IMAGE));
    agent.run(nobody);
    agent.await(nobody.key(), TaskState.RUNNING, WAIT);
  }
}
