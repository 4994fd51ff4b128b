package dev.drover.agent.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drover.agent.Poll;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process tasks with a {@code user} run as that user (the agent must be root to switch). */
class RunAsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;
  private TaskHarness agent;

  @BeforeEach
  void setUp() {
    assumeTrue("root".equals(System.getProperty("user.name")), "only a root agent can switch users");
    agent = new TaskHarness(tmp.resolve("sandboxes"));
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void aTaskRunsAsItsUserAndOwnsItsSandbox() throws Exception {
    TaskSpec spec = task("as-nobody", "nobody", "id -un; id -u; echo made-by-task > own-file");
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.FINISHED, end.state(), end.toString());
    Path sandbox = tmp.resolve("sandboxes").resolve("fw").resolve("as-nobody");
    String out = Poll.until(WAIT, "the task's output", () -> {
      try {
        String s = Files.readString(sandbox.resolve("stdout"));
        return s.contains("\n") ? Optional.of(s) : Optional.empty();
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    });
    assertTrue(out.startsWith("nobody\n"), out);
    assertEquals(RunAs.lookup("nobody").orElseThrow().uid(), Long.parseLong(out.split("\n")[1].trim()));
    assertEquals("made-by-task", Files.readString(sandbox.resolve("own-file")).trim());
  }

  @Test
  void anUnknownUserIsRefusedWithTheReason() {
    TaskSpec spec = task("as-ghost", "no-such-user-here", "true");
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.ERROR, end.state(), end.toString());
    assertTrue(end.message().contains("no such user 'no-such-user-here'"), end.message());
  }

  private static TaskSpec task(String id, String user, String command) {
    return new TaskSpec(new TaskKey("fw", id), "test", Resources.parse("cpus:0.1;mem:32"),
        new CommandSpec(true, command, List.of(), Map.of(), user), Optional.empty());
  }
}
