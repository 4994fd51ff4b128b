package dev.drover.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.cli.Drover;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator CLI end to end against real processes (ZooKeeper, a master, an agent, {@code drover apps} and
 * {@code drover jobs}): each command runs in this JVM through picocli with captured output, except {@code logs -f},
 * which runs as its own process and is stopped by the test. The leader is found through ZooKeeper ({@code --zk}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProcessCluster cluster;
  private static Path files;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ProcessCluster.start("cli");
    cluster.master("master");
    int ports = 25000 + (int) (ProcessHandle.current().pid() % 50) * 100;  // below the ephemeral range (32768+)
    cluster.agent("agent", "cpus:4;mem:4096;disk:1024;ports:[" + ports + "-" + (ports + 99) + "]");
    AppsClient apps = AppsClient.start(cluster, "cli", "apps");
    Await.until("the apps framework leads", TIMEOUT, apps::leading);
    cluster.jobs("jobs", Await.freePort());
    files = Files.createDirectories(cluster.work().resolve("files"));
    Await.until("status shows the agent and both frameworks", TIMEOUT, () -> {
      Run r = drover("status");
      return r.code == 0 && r.out.contains("1 ACTIVE") && r.out.contains("framework  apps")
          && r.out.contains("framework  jobs");
    });
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Run drover(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.stream().noneMatch(a -> a.equals("--master") || a.equals("--zk"))) {
      all.add("--zk");
      all.add(cluster.zk());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Drover.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static Path file(String name, String json) throws Exception {
    return Files.writeString(files.resolve(name), json);
  }

  @Test
  @Order(1)
  void statusAndAgentsDrainAndUndrain() throws Exception {
    Run status = drover("status");
    assertEquals(0, status.code, status.err);
    assertTrue(status.out.contains("masters    1"), status.out);
    assertTrue(status.out.contains("cpus       "), status.out);
    assertTrue(status.out.contains("apps       127.0.0.1:"), status.out);
    assertTrue(status.out.contains("jobs       127.0.0.1:"), status.out);

    Run agents = drover("agents", "-o", "json");
    assertEquals(0, agents.code, agents.err);
    String agentId = JSON.readTree(agents.out).get(0).path("id").asText();
    Run drain = drover("agents", "drain", agentId);
    assertEquals(0, drain.code, drain.err);
    Await.until("the agent drained", TIMEOUT, () -> drover("agents").out.contains("DRAINED"));
    Run undrain = drover("agents", "undrain", agentId);
    assertEquals(0, undrain.code, undrain.err);
    assertFalse(drover("agents").out.contains("DRAIN"));
  }

  @Test
  @Order(2)
  void appsAddWaitShowsProgressAndLogsFollowPrintsNewLines() throws Exception {
    Path app = file("counter.json", "{\"id\": \"/cli/counter\", \"cmd\": \"i=0; while true; do echo line-$i; "
        + "i=$((i+1)); sleep 0.2; done\", \"instances\": 2, \"cpus\": 0.1, \"mem\": 32}");
    Run add = drover("apps", "add", app.toString(), "--wait", "--timeout", "60s");
    assertEquals(0, add.code, add.out + add.err);
    assertTrue(add.out.matches("(?s)deployment \\S+ started\n.*"), add.out);
    assertTrue(add.out.contains("/cli/counter: 2/2 running"), add.out);
    assertTrue(add.out.strip().endsWith("finished"), add.out);

    Run list = drover("apps", "list");
    assertTrue(list.out.contains("/cli/counter  2          2"), list.out);
    Run tasks = drover("tasks", "--app", "/cli/counter", "--state", "running", "-o", "json");
    assertEquals(0, tasks.code, tasks.err);
    JsonNode ts = JSON.readTree(tasks.out);
    assertEquals(2, ts.size(), tasks.out);
    String task = ts.get(0).path("id").asText();
    assertTrue(drover("apps", "show", "/cli/counter").out.contains(task));

    Await.until("the task printed", TIMEOUT, () -> drover("logs", task).out.contains("line-"));
    int before = lastLine(drover("logs", task).out);
    Path followed = cluster.work().resolve("logs-f.txt");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.drover.cli.Drover", "logs", task, "-f",
        "--zk", cluster.zk()));
    Process follow = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(followed.toFile()).start();
    try {
      Await.until("logs -f prints a line written after it started", TIMEOUT,
          () -> lastLine(read(followed)) > before + 5);
      assertTrue(read(followed).contains("line-0\n"), "follows from the start of the file");
    } finally {
      follow.destroy();
      follow.waitFor();
    }
    Run stderr = drover("logs", task, "--stderr");
    assertEquals(0, stderr.code, stderr.err);
  }

  @Test
  @Order(3)
  void scaleRestartAndRemoveWait() {
    Run scale = drover("apps", "scale", "/cli/counter", "3", "--wait", "--timeout", "60s");
    assertEquals(0, scale.code, scale.out + scale.err);
    assertTrue(scale.out.contains("3/3 running"), scale.out);
    Run restart = drover("apps", "restart", "/cli/counter", "--wait", "--timeout", "60s");
    assertEquals(0, restart.code, restart.out + restart.err);
    Run rm = drover("apps", "rm", "/cli/counter", "--wait", "--timeout", "60s");
    assertEquals(0, rm.code, rm.out + rm.err);
    assertTrue(rm.out.contains("/cli/counter: removed"), rm.out);
    Run gone = drover("apps", "show", "/cli/counter");
    assertEquals(1, gone.code);
    assertTrue(gone.err.contains("HTTP 404 App '/cli/counter' does not exist"), gone.err);
    assertEquals(1, gone.err.lines().count(), gone.err);
  }

  @Test
  @Order(4)
  void aDeploymentThatCannotFinishTimesOutIsExplainedAndRolledBack() throws Exception {
    Path app = file("nowhere.json", "{\"id\": \"/cli/nowhere\", \"cmd\": \"sleep 600\", \"cpus\": 0.1, \"mem\": 16,"
        + " \"constraints\": [[\"hostname\", \"LIKE\", \"no-such-host\"]]}");
    Run add = drover("apps", "add", app.toString(), "--wait", "--timeout", "3s");
    assertEquals(4, add.code, add.out + add.err);
    assertTrue(add.out.contains("still running after 3 s (--timeout)"), add.out);
    Await.until("the queue names the constraint", TIMEOUT, () -> drover("apps", "queue", "/cli/nowhere").out
        .contains("UnfulfilledConstraint [hostname, LIKE, no-such-host]"));
    Run deployments = drover("deployments", "-o", "json");
    assertEquals(0, deployments.code, deployments.err);
    JsonNode ds = JSON.readTree(deployments.out);
    assertEquals(1, ds.size(), deployments.out);
    assertEquals("/cli/nowhere", ds.get(0).path("affectedApps").get(0).asText());
    Run rollback = drover("deployments", "rollback", ds.get(0).path("id").asText(), "--wait", "--timeout", "60s");
    assertEquals(0, rollback.code, rollback.out + rollback.err);
    assertEquals(1, drover("apps", "show", "/cli/nowhere").code, "the rollback removed the app it created");
  }

  @Test
  @Order(5)
  void anUpdateWhoseInstancesNeverBecomeHealthyIsRolledBackAndExitsThree() throws Exception {
    Path app = file("hc.json", "{\"id\": \"/cli/hc\", \"cmd\": \"sleep 600\", \"cpus\": 0.1, \"mem\": 16}");
    assertEquals(0, drover("apps", "add", app.toString(), "--wait", "--timeout", "60s").code);
    Path broken = file("hc-broken.json", "{\"id\": \"/cli/hc\", \"healthChecks\": [{\"protocol\": \"COMMAND\","
        + " \"command\": {\"value\": \"exit 1\"}, \"gracePeriodSeconds\": 0, \"intervalSeconds\": 2,"
        + " \"timeoutSeconds\": 1, \"maxConsecutiveFailures\": 1, \"delaySeconds\": 0}]}");
    Run update = drover("apps", "update", broken.toString(), "--wait", "--timeout", "150s");
    assertEquals(3, update.code, update.out + update.err);
    assertTrue(update.out.contains("failed: automatic rollback"), update.out);
    assertEquals(0, drover("apps", "rm", "/cli/hc", "--wait", "--timeout", "60s").code);
  }

  @Test
  @Order(6)
  void jobsAddRunHistorySuspendResumeRemove() throws Exception {
    Path job = file("hello.json", "{\"id\": \"cli-hello\", \"run\": {\"cmd\": \"echo hello\", \"cpus\": 0.1,"
        + " \"mem\": 32}, \"schedules\": [{\"id\": \"nightly\", \"cron\": \"0 3 * * *\"}]}");
    Run add = drover("jobs", "add", job.toString());
    assertEquals(0, add.code, add.err);
    Run run = drover("jobs", "run", "cli-hello");
    assertEquals(0, run.code, run.err);
    Await.until("the run succeeded", TIMEOUT, () -> drover("jobs", "history", "cli-hello").out.contains("SUCCESS"));
    Run suspend = drover("jobs", "suspend", "cli-hello");
    assertEquals(0, suspend.code, suspend.err);
    assertTrue(drover("jobs", "show", "cli-hello").out.contains("0 3 * * * UTC  false"));
    assertEquals(0, drover("jobs", "resume", "cli-hello").code);
    assertTrue(drover("jobs", "list").out.contains("0 3 * * * UTC  true"));
    Run rm = drover("jobs", "rm", "cli-hello");
    assertEquals(0, rm.code, rm.err);
    assertEquals(1, drover("jobs", "show", "cli-hello").code);
  }

  @Test
  @Order(7)
  void errorsNameTheCause() {
    Run noLeader = drover("status", "--zk", cluster.zk().replace("/drover", "/nothing-here"));
    assertEquals(1, noLeader.code);
    assertTrue(noLeader.err.startsWith("drover status: no leader in ZooKeeper at "), noLeader.err);
    Run refused = drover("status", "--master", "http://127.0.0.1:" + Await.freePort());
    assertEquals(1, refused.code);
    assertTrue(refused.err.contains("connection refused to http://127.0.0.1:"), refused.err);
  }

  private static final Pattern LINE = Pattern.compile("line-(\\d+)");

  private static int lastLine(String text) {
    int last = -1;
    Matcher m = LINE.matcher(text);
    while (m.find()) {
      last = Math.max(last, Integer.parseInt(m.group(1)));
    }
    return last;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
