package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.model.TaskState;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The foundation, end to end with real processes: ZooKeeper, two masters and two agents each in its own JVM, and an
 * SDK framework in this one. Ten tasks run to FINISHED; the leading master is killed with kill -9; agents and the
 * framework follow the new leader, and one more task runs to FINISHED.
 */
class FoundationFailoverTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closers.size() - 1; i >= 0; i--) {
      closers.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    closers.add(closeable);
    return closeable;
  }

  @Test
  void tasksRunAndTheClusterSurvivesKillingTheLeadingMaster() throws Exception {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("foundation");
    Path work = Files.createTempDirectory("drover-it");
    int zkPort = Await.freePort();
    keep(DroverProcess.start("zk", logs, "zk", "--port", Integer.toString(zkPort),
        "--data-dir", work.resolve("zk").toString(), "--tick-time", "200"));
    String zk = "127.0.0.1:" + zkPort + "/drover";

    List<DroverProcess> masters = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      masters.add(keep(DroverProcess.start("master-" + i, logs, "master", "--zk", zk, "--hostname", "127.0.0.1",
          "--bind", "127.0.0.1", "--http-port", Integer.toString(Await.freePort()),
          "--grpc-port", Integer.toString(Await.freePort()), "--zk-session-timeout", "2s")));
    }
    for (int i = 1; i <= 2; i++) {
      keep(DroverProcess.start("agent-" + i, logs, "agent", "--zk", zk, "--hostname", "127.0.0.1",
          "--bind", "127.0.0.1", "--http-port", Integer.toString(Await.freePort()),
          "--work-dir", work.resolve("agent-" + i).toString(),
          "--resources", "cpus:2;mem:1024;disk:1024;ports:[" + (31000 + i * 100) + "-" + (31099 + i * 100) + "]",
          "--zk-session-timeout", "2s"));
    }

    CuratorFramework client = keep(ZkClients.start(zk, Duration.ofSeconds(5)));
    LeaderTracker leaders = keep(new LeaderTracker(client, ZkPaths.MASTER_LEADER).start());
    Await.until("a master leads and both agents are registered", TIMEOUT, () -> activeAgents(leaders) == 2);
    LeaderInfo first = leaders.leader().orElseThrow();

    LaunchingScheduler scheduler = new LaunchingScheduler();
    SchedulerDriver driver = DroverSchedulerDriver.builder(scheduler,
        FrameworkConfig.builder("it-foundation").failoverTimeout(Duration.ofMinutes(5)).build()).zk(zk).build();
    keep(driver::stop);
    driver.start();
    for (int i = 0; i < 10; i++) {
      scheduler.submit("task-" + i, "echo hello from $DROVER_TASK_ID; sleep 0.2");
    }
    driver.revive();
    for (int i = 0; i < 10; i++) {
      String id = "task-" + i;
      Await.until(id + " finished", TIMEOUT, () -> scheduler.reached(id, TaskState.FINISHED));
      List<TaskState> seen = scheduler.statesOf(id);
      assertTrue(seen.indexOf(TaskState.RUNNING) >= 0 && seen.indexOf(TaskState.RUNNING) < seen.indexOf(
          TaskState.FINISHED), id + " went RUNNING then FINISHED: " + seen);
    }
    assertEquals(10, finishedTasksIn(leaders), "the master's state shows the ten finished tasks");

    DroverProcess leader = masters.stream()
        .filter(m -> Files.exists(m.log()) && logMentions(m, first.id())).findFirst().orElseThrow();
    leader.kill9();

    Await.until("another master leads", TIMEOUT,
        () -> leaders.leader().map(l -> !l.id().equals(first.id())).orElse(false));
    assertNotEquals(first.grpcTarget(), leaders.leader().orElseThrow().grpcTarget());
    Await.until("both agents re-registered with the new leader", TIMEOUT, () -> activeAgents(leaders) == 2);
    Await.until("the framework re-subscribed", TIMEOUT, () -> scheduler.reregistrations.get() >= 1);
    assertEquals(1, scheduler.registrations.get(), "the framework kept its id: registered once, then re-registered");

    scheduler.submit("after-failover", "echo still here");
    driver.revive();
    Await.until("a task launched through the new leader finished", TIMEOUT,
        () -> scheduler.reached("after-failover", TaskState.FINISHED));
  }

  private static boolean logMentions(DroverProcess p, String text) {
    try {
      return Files.readString(p.log()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private JsonNode state(LeaderTracker leaders) throws Exception {
    LeaderInfo leader = leaders.leader().orElseThrow(() -> new IllegalStateException("no leader yet"));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(leader.httpUrl() + "/api/v1/state")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("state answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private int activeAgents(LeaderTracker leaders) {
    try {
      int n = 0;
      for (JsonNode agent : state(leaders).path("agents")) {
        n += agent.path("active").asBoolean() ? 1 : 0;
      }
      return n;
    } catch (Exception e) {
      return -1;
    }
  }

  private int finishedTasksIn(LeaderTracker leaders) throws Exception {
    int n = 0;
    for (JsonNode task : state(leaders).path("tasks")) {
      n += "TASK_FINISHED".equals(task.path("state").asText()) ? 1 : 0;
    }
    return n;
  }
}
