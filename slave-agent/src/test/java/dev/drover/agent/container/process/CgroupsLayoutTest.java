package dev.drover.agent.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.drover.agent.http.AgentHttpServer;
import dev.drover.agent.http.AgentStateView;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.model.Resources;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@link Cgroups} on a fake cgroup file system in a temp dir, for the layouts this host does not have: the v2
 * (unified) files, the v1 hierarchies, and neither (limits off, said in the log).
 */
class CgroupsLayoutTest {
  private static final String SCOPE = "agent-test";
  private static final Resources TASK = Resources.parse("cpus:0.5;mem:48");

  @TempDir
  Path fs;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Cgroups.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  static void fakeV2(Path fs) throws IOException {
    Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(fs.resolve("cgroup.subtree_control"), "");
  }

  @Test
  void v2WritesMemoryMaxCpuMaxAndWeightAndReadsOomFromMemoryEvents() throws IOException {
    fakeV2(fs);
    Cgroups c = Cgroups.detect(fs, SCOPE);
    assertTrue(c.enabled(), c.description());
    assertEquals("cgroups v2 at " + fs + ", group drover/" + SCOPE, c.description());
    assertTrue(Files.readString(fs.resolve("drover/cgroup.subtree_control")).startsWith("+"),
        "controllers enabled for the agent's group");
    assertTrue(Files.readString(fs.resolve("drover/" + SCOPE + "/cgroup.subtree_control")).startsWith("+"),
        "controllers enabled for the tasks' groups");

    Cgroups.Group g = c.create("fw.t1", TASK);
    Path dir = fs.resolve("drover/" + SCOPE + "/fw.t1");
    assertEquals(List.of(dir), g.dirs());
    assertEquals(List.of(dir.resolve("cgroup.procs")), g.procs());
    assertEquals(Optional.of(dir.resolve("memory.events")), g.oomEvents());
    assertEquals(Long.toString(48L << 20), Files.readString(dir.resolve("memory.max")));
    assertEquals("0", Files.readString(dir.resolve("memory.swap.max")));
    assertEquals("50000 100000", Files.readString(dir.resolve("cpu.max")));
    assertEquals("50", Files.readString(dir.resolve("cpu.weight")));
    assertEquals(g, c.existing("fw.t1"));

    assertFalse(Cgroups.oomKilled(g), "no memory.events yet");
    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 0\n");
    assertFalse(Cgroups.oomKilled(g), "the limit was hit but nothing was killed");
    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 9\noom 2\noom_kill 1\n");
    assertTrue(Cgroups.oomKilled(g));
    assertTrue(logged(Level.INFO, "limits through cgroups v2 at " + fs));
  }

  @Test
  void v1WritesLimitInBytesSharesAndCfsQuotaAndReadsOomFromOomControl() throws IOException {
    Files.createDirectories(fs.resolve("memory"));
    Files.createDirectories(fs.resolve("cpu"));
    Cgroups c = Cgroups.detect(fs, SCOPE);
    assertTrue(c.enabled(), c.description());
    assertEquals("cgroups v1 at " + fs + " (memory, cpu), group drover/" + SCOPE, c.description());

    Cgroups.Group g = c.create("fw.t1", TASK);
    Path mem = fs.resolve("memory/drover/" + SCOPE + "/fw.t1");
    Path cpu = fs.resolve("cpu/drover/" + SCOPE + "/fw.t1");
    assertEquals(List.of(mem, cpu), g.dirs());
    assertEquals(List.of(mem.resolve("cgroup.procs"), cpu.resolve("cgroup.procs")), g.procs());
    assertEquals(Long.toString(48L << 20), Files.readString(mem.resolve("memory.limit_in_bytes")));
    assertEquals("512", Files.readString(cpu.resolve("cpu.shares")));
    assertEquals("100000", Files.readString(cpu.resolve("cpu.cfs_period_us")));
    assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_quota_us")));
    assertEquals(g, c.existing("fw.t1"));

    Files.writeString(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    assertFalse(Cgroups.oomKilled(g));
    Files.writeString(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    assertTrue(Cgroups.oomKilled(g));
  }

  @Test
  void aTaskWithoutMemOrCpusGetsNoLimitFiles() throws IOException {
    fakeV2(fs);
    Cgroups.detect(fs, SCOPE).create("fw.free", Resources.parse("disk:10"));
    assertFalse(Files.exists(fs.resolve("drover/" + SCOPE + "/fw.free/memory.max")));
    assertFalse(Files.exists(fs.resolve("drover/" + SCOPE + "/fw.free/cpu.max")));
  }

  @Test
  void neitherLayoutTurnsLimitsOffAndSaysWhyInTheLog() {
    Cgroups c = Cgroups.detect(fs, SCOPE);
    assertFalse(c.enabled());
    assertEquals("off: no cgroup v1 memory/cpu hierarchies or v2 file system at " + fs, c.description());
    assertTrue(logged(Level.WARN, "Process tasks run WITHOUT memory and cpu limits: cgroups " + c.description()));
  }

  @Test
  void aV2FileSystemThatCannotBeWrittenTurnsLimitsOffSayingSo() throws IOException {
    fakeV2(fs);
    Files.writeString(fs.resolve("drover"), "a file where the agent's group should be");  // fails even for root
    Cgroups c = Cgroups.detect(fs, SCOPE);
    assertFalse(c.enabled());
    assertTrue(c.description().startsWith("off: cgroups v2 at " + fs + " is not writable here"), c.description());
    assertTrue(logged(Level.WARN, c.description()));
  }

  /** What {@code Agent} wires into {@code GET /state}: the process containerizer's isolation, here off. */
  @Test
  void stateShowsWhyProcessLimitsAreOff() throws Exception {
    ProcessContainerizer processes = new ProcessContainerizer(ProcessLauncher.detect(), Cgroups.detect(fs, SCOPE));
    AgentHttpServer http = AgentHttpServer.start("127.0.0.1", 0, () -> CompletableFuture.completedFuture(
        new AgentStateView(Optional.of("a1"), "h", false, Resources.parse("cpus:1"), Resources.EMPTY, List.of(),
            List.of(), processes.isolation())), fs.resolve("sandboxes"), () -> "");
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + http.port() + "/state")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("off: no cgroup v1 memory/cpu hierarchies or v2 file system at " + fs,
          new JsonObject(r.body()).getString("processIsolation"));
    } finally {
      http.close();
      processes.close();
    }
  }

  private boolean logged(Level level, String text) {
    return log.list.stream().anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().contains(text));
  }
}
