package dev.drover.agent.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drover.agent.Poll;
import dev.drover.agent.TaskHarness;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process tasks in real cgroups, where this host allows them: skipped, saying why, where it does not, unless
 * {@code DROVER_REQUIRE_CGROUPS=1}, which makes that a failure (for CI machines known to have writable cgroups).
 */
class CgroupLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Cgroups CGROUPS = Cgroups.detect(Path.of("target", "cgroup-limits-test"));

  @TempDir
  Path tmp;
  private TaskHarness agent;

  @BeforeEach
  void setUp() {
    if (!CGROUPS.enabled() && "1".equals(System.getenv("DROVER_REQUIRE_CGROUPS"))) {
      fail("DROVER_REQUIRE_CGROUPS=1 but cgroups are " + CGROUPS.description());
    }
    assumeTrue(CGROUPS.enabled(), "cgroups " + CGROUPS.description()
        + " (set DROVER_REQUIRE_CGROUPS=1 to fail instead of skipping)");
    agent = new TaskHarness(tmp.resolve("sandboxes"));
  }

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void aProcessTaskRunsInItsOwnCgroupWithItsLimits() throws Exception {
    TaskSpec spec = task("cpus:0.5;mem:48", "sleep 600");
    agent.run(spec);
    long pid = Long.parseLong(agent.await(spec.key(), TaskState.RUNNING, WAIT).containerId());
    String name = "fw." + spec.key().taskId();
    // The process joins its groups itself, first thing, before it execs the command.
    Poll.until(WAIT, "pid " + pid + " in its cgroup", () -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))
            .contains("/drover/" + Cgroups.scopeOf(tmp) + "/" + name);
      } catch (java.io.IOException e) {
        return false;
      }
    });
    Cgroups.Group g = Cgroups.detect(tmp).existing(name);  // the harness's agent works in tmp
    Path memDir = g.dirs().get(0);
    if (Files.exists(memDir.resolve("memory.limit_in_bytes"))) {
      assertEquals(48L << 20, Long.parseLong(Files.readString(memDir.resolve("memory.limit_in_bytes")).trim()));
      assertEquals("50000", Files.readString(g.dirs().get(1).resolve("cpu.cfs_quota_us")).trim());
      assertEquals("512", Files.readString(g.dirs().get(1).resolve("cpu.shares")).trim());
    } else {
      assertEquals(Long.toString(48L << 20), Files.readString(memDir.resolve("memory.max")).trim());
      assertEquals("50000 100000", Files.readString(memDir.resolve("cpu.max")).trim());
    }
    agent.kill(spec.key(), Duration.ofSeconds(2));
    agent.awaitTerminal(spec.key(), WAIT);
    Poll.until(WAIT, "the cgroup removed", () -> g.dirs().stream().noneMatch(Files::exists));
  }

  /**
   * Several agents on one host (drover local runs two) each sweep only their own empty groups when they start: a
   * group another agent just made for a task that has not joined it yet stays.
   */
  @Test
  void anAgentStartingSweepsOnlyItsOwnGroups() throws Exception {
    Cgroups mine = Cgroups.detect(tmp.resolve("agent-a"));
    Cgroups.Group fresh = mine.create("fw.fresh", Resources.parse("cpus:0.1;mem:16"));
    try {
      Cgroups.detect(tmp.resolve("agent-b"));
      assertTrue(fresh.dirs().stream().allMatch(Files::isDirectory), "another agent's start removed " + fresh.dirs());
      Cgroups.detect(tmp.resolve("agent-a"));  // the same agent restarted: its empty groups are leftovers
      assertTrue(fresh.dirs().stream().noneMatch(Files::exists), "left over: " + fresh.dirs());
    } finally {
      mine.remove(fresh);
    }
  }

  @Test
  void aProcessOverItsMemoryLimitFailsWithTheOomReason() {
    TaskSpec spec = task("cpus:0.5;mem:16", TaskHarness.MEMORY_HOG);
    agent.run(spec);
    StatusUpdate end = agent.awaitTerminal(spec.key(), WAIT);
    assertEquals(TaskState.FAILED, end.state());
    assertEquals(TaskReason.CONTAINER_LIMITATION_MEMORY, end.reason(), end.toString());
    assertFalse(end.message().isEmpty());
  }

  /** A shell task joins its groups in its own shell; ids that need quoting in a shell still work. */
  @Test
  void aShellTaskWhoseIdNeedsQuotingRunsInItsGroup() throws Exception {
    TaskSpec spec = new TaskSpec(new TaskKey("fw", "it's a $task"), "test", Resources.parse("cpus:0.5;mem:32"),
        new CommandSpec(true, "cat /proc/self/cgroup > cg.txt", List.of(), Map.of()), Optional.empty());
    agent.run(spec);
    assertEquals(TaskState.FINISHED, agent.awaitTerminal(spec.key(), WAIT).state());
    String cg = Files.readString(tmp.resolve("sandboxes/fw").resolve(spec.key().taskId()).resolve("cg.txt"));
    assertTrue(cg.contains("/drover/" + Cgroups.scopeOf(tmp) + "/fw.it's a $task"), cg);
  }

  /** With cgroups the leftovers are found through the group's cgroup.procs (no fork of kill for the group). */
  @Test
  void whatATaskLeavesRunningIsKilledWhenItsMainProcessExits() throws Exception {
    TaskSpec spec = task("cpus:0.5;mem:32", "sleep 600 & echo $! > bg.pid; exit 0");
    agent.run(spec);
    assertEquals(TaskState.FINISHED, agent.awaitTerminal(spec.key(), WAIT).state());
    Path pidFile = tmp.resolve("sandboxes/fw").resolve(spec.key().taskId()).resolve("bg.pid");
    long bg = Long.parseLong(Files.readString(pidFile).trim());
    Poll.until(WAIT, "the background sleep " + bg + " killed", () -> ProcessHandle.of(bg).map(h -> !h.isAlive()
        || !ProcStat.running(h)).orElse(true));
    Cgroups.Group g = CGROUPS.existing("fw." + spec.key().taskId());
    Poll.until(WAIT, "the cgroup removed", () -> g.dirs().stream().noneMatch(Files::exists));
  }

  private static TaskSpec task(String resources, String command) {
    return new TaskSpec(new TaskKey("fw", "t-" + UUID.randomUUID().toString().substring(0, 8)), "test",
        Resources.parse(resources), new CommandSpec(true, command, List.of(), Map.of()), Optional.empty());
  }
}
