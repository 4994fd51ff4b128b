package dev.drover.agent.container.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.container.LaunchException;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent that does not allow root tasks refuses a task that names root (docs/security.md). */
class RootTasksTest {
  @TempDir Path tmp;

  @Test
  void aTaskNamingRootIsRefusedWhenRootIsNotAllowed() {
    ProcessContainerizer p = new ProcessContainerizer(ProcessLauncher.detect(), Cgroups.detect(tmp), false);
    TaskSpec spec = new TaskSpec(new TaskKey("fw", "root-task"), "t", Resources.parse("cpus:0.1;mem:16"),
        new CommandSpec(true, "true", List.of(), Map.of(), "root"), Optional.empty(), Optional.empty());
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> p.launch(spec, tmp.resolve("sb"), Map.of()).join());
    LaunchException refused = assertInstanceOf(LaunchException.class, e.getCause());
    assertTrue(refused.refused() && refused.getMessage().contains("--allow-root-tasks"), refused.getMessage());
    p.close();
  }

  @Test
  void wouldBeRootFollowsTheAgentsOwnUser() {
    assertTrue(RunAs.wouldBeRoot("root"));
    assertFalse(RunAs.wouldBeRoot("nobody"));
    assertTrue(RunAs.wouldBeRoot("") == "root".equals(System.getProperty("user.name")));
  }
}
