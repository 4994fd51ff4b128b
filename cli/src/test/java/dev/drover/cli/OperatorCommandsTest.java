package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands in-process against a fake master: rendering, redirects, errors and argument checks. */
class OperatorCommandsTest {
  private static final String STATE = "{'leader': {'id': 'master-1', 'host': 'm1', 'httpPort': 5050},"
      + " 'masters': [{'id': 'master-1'}, {'id': 'master-2'}],"
      + " 'agents': [{'id': 'a-S0', 'state': 'ACTIVE', 'resources': {'cpus': 4, 'mem': 1024}, 'used': {'cpus': 1.5}},"
      + "  {'id': 'a-S1', 'state': 'UNREACHABLE', 'resources': {'cpus': 2, 'mem': 512}, 'used': {}}],"
      + " 'frameworks': [{'id': 'f-F0', 'name': 'apps', 'active': true, 'tasks': 2}],"
      + " 'tasks': [{'id': 't1', 'state': 'TASK_RUNNING'}, {'id': 't2', 'state': 'TASK_RUNNING'}]}";
  private final FakeMaster master = newMaster();
  private final ObjectMapper json = new ObjectMapper();

  private static FakeMaster newMaster() {
    try {
      return new FakeMaster();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    master.close();
  }

  @Test
  void statusSumsAgentsResourcesTasksAndFrameworks() {
    master.answer("/api/v1/state", STATE).answer("/frameworks/apps/v2/leader", "{'leader': 'f1:8080'}")
        .answer("/frameworks/jobs/leader", "503 {'error': 'no leader'}");
    Cli r = Cli.run("status", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("leader     m1:5050  (master-1)"), r.out());
    assertTrue(r.out().contains("agents     2 (1 ACTIVE, 1 UNREACHABLE)"), r.out());
    assertTrue(r.out().contains("cpus       1.50 / 6 used"), r.out());
    assertTrue(r.out().contains("tasks      2 (2 TASK_RUNNING)"), r.out());
    assertTrue(r.out().contains("framework  apps f-F0 active, 2 tasks"), r.out());
    assertTrue(r.out().contains("apps       f1:8080"), r.out());
    assertTrue(r.out().contains("jobs       no leader (drover jobs not running?)"), r.out());
  }

  @Test
  void jsonOutputIsJson() throws Exception {
    master.answer("/api/v1/state", STATE);
    Cli r = Cli.run("status", "--master", master.url(), "-o", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode s = json.readTree(r.out());
    assertEquals("m1:5050", s.path("leader").asText());
    assertEquals(6.0, s.path("resources").path("cpus").path("total").asDouble());
    assertEquals(1, s.path("agents").path("UNREACHABLE").asInt());
  }

  @Test
  void aStandbysRedirectIsFollowed() throws Exception {
    master.answer("/api/v1/agents", "{'agents': [{'id': 'a-S0', 'hostname': 'h1', 'port': 5052, 'state': 'ACTIVE',"
        + " 'resources': {'cpus': 2}, 'used': {}, 'attributes': {'rack': 'r1'}}]}")
        .answer("/api/v1/maintenance", "{'agents': [{'agentId': 'a-S0', 'state': 'DRAINING'}]}");
    try (FakeMaster standby = new FakeMaster()) {
      standby.redirectTo(master.url());
      Cli r = Cli.run("agents", "--master", standby.url());
      assertEquals(0, r.code(), r.err());
      String[] lines = r.out().split("\n");
      assertEquals("ID    HOSTNAME  STATE   MAINTENANCE  USED  TOTAL   ATTRIBUTES", lines[0]);
      assertEquals("a-S0  h1:5052   ACTIVE  DRAINING     -     cpus:2  rack:r1", lines[1]);
    }
  }

  @Test
  void drainPostsTheAgentGraceAndKill() throws Exception {
    master.answer("POST /api/v1/maintenance/drain", "{'agentId': 'a-S0', 'state': 'DRAINING', 'liveTasks': 3}");
    Cli r = Cli.run("agents", "drain", "a-S0", "--grace-period", "30", "--kill", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    JsonNode sent = json.readTree(master.bodyOf("POST /api/v1/maintenance/drain"));
    assertEquals("a-S0", sent.path("agentId").asText());
    assertEquals(30, sent.path("gracePeriodSeconds").asInt());
    assertTrue(sent.path("kill").asBoolean());
    assertTrue(r.out().contains("a-S0   DRAINING  3"), r.out());
  }

  @Test
  void aServerErrorIsOneLineWithStatusAndMessage() {
    Cli r = Cli.run("apps", "show", "/web/api", "--master", master.url());
    assertEquals(1, r.code());
    assertEquals("drover apps show: GET /frameworks/apps/v2/apps/web/api: HTTP 404 no such thing: "
        + "/frameworks/apps/v2/apps/web/api\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void validationErrorsNameEachField(@TempDir Path dir) throws Exception {
    master.answer("POST /frameworks/apps/v2/apps", "422 {'message': 'Object is not valid', 'details': ["
        + "{'path': '/mem', 'errors': ['must be >= 0']}, {'path': '/cmd', 'errors': ['cmd or args required']}]}");
    Path app = Files.writeString(dir.resolve("app.json"), "{\"id\": \"/x\", \"mem\": -1}");
    Cli r = Cli.run("apps", "add", app.toString(), "--master", master.url());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("HTTP 422 Object is not valid; /mem: must be >= 0; /cmd: cmd or args required"),
        r.err());
  }

  @Test
  void aDefinitionFileThatIsMissingOrNotJsonIsNamed(@TempDir Path dir) throws Exception {
    Cli missing = Cli.run("apps", "add", dir.resolve("nope.json").toString(), "--master", master.url());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file: " + dir.resolve("nope.json")), missing.err());
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"id\": ");
    Cli notJson = Cli.run("jobs", "add", bad.toString(), "--master", master.url());
    assertEquals(1, notJson.code());
    assertTrue(notJson.err().startsWith("drover jobs add: cannot read " + bad + " as JSON"), notJson.err());
  }

  @Test
  void connectionRefusedNamesTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli r = Cli.run("tasks", "--master", "127.0.0.1:" + port);
    assertEquals(1, r.code());
    assertEquals("drover tasks: connection refused to http://127.0.0.1:" + port + "\n", r.err());
  }

  @Test
  void argumentErrorsAreUsageErrors() {
    Cli missing = Cli.run("apps", "scale", "/web");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("Missing required parameter: 'N'"), missing.err());
    Cli badOutput = Cli.run("status", "-o", "yaml");
    assertEquals(2, badOutput.code());
    assertTrue(badOutput.err().contains("Invalid value for option '--output'"), badOutput.err());
    Cli badTimeout = Cli.run("apps", "restart", "/web", "--wait", "--timeout", "soon");
    assertEquals(2, badTimeout.code());
    assertTrue(badTimeout.err().contains("'soon' is not a duration"), badTimeout.err());
    Cli negative = Cli.run("apps", "scale", "/web", "-1", "--master", master.url());
    assertEquals(2, negative.code());
    assertTrue(negative.err().contains("N must be 0 or more, not -1"), negative.err());
  }

  @Test
  void tasksFilterByAppThroughTheAppsFramework() {
    master.answer("/api/v1/tasks?limit=1000&state=running", "{'tasks': ["
        + "{'id': 'web.1', 'state': 'TASK_RUNNING', 'frameworkId': 'F0', 'agentId': 'S0', 'resources': {'cpus': 0.5}},"
        + "{'id': 'db.1', 'state': 'TASK_RUNNING', 'frameworkId': 'F0', 'agentId': 'S0', 'resources': {'cpus': 1}}]}")
        .answer("/frameworks/apps/v2/apps/web/tasks", "{'tasks': [{'id': 'web.1'}]}");
    Cli r = Cli.run("tasks", "--state", "running", "--app", "/web", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    assertEquals("ID     STATE         FRAMEWORK  AGENT  RESOURCES\n"
        + "web.1  TASK_RUNNING  F0         S0     cpus:0.50\n", r.out());
  }

  @Test
  void appsListAndQueueTables() {
    master.answer("/frameworks/apps/v2/apps", "{'apps': [{'id': '/web', 'instances': 3, 'tasksRunning': 2,"
        + " 'tasksHealthy': 1, 'tasksStaged': 1, 'cpus': 0.1, 'mem': 32, 'cmd': 'sleep 100',"
        + " 'deployments': [{'id': 'd1'}]}]}")
        .answer("/frameworks/apps/v2/queue", "{'queue': [{'count': 1, 'app': {'id': '/web'},"
            + " 'processedOffersSummary': {'rejectSummaryLastOffers': [{'reason': 'InsufficientCpus',"
            + " 'declined': 2, 'processed': 3}, {'reason': 'UnfulfilledRole', 'declined': 0, 'processed': 3}]},"
            + " 'lastUnusedOfferReasons': {'h1': 'not enough cpus'}}]}");
    Cli list = Cli.run("apps", "list", "--master", master.url());
    assertEquals("ID    INSTANCES  RUNNING  HEALTHY  STAGED  CPUS  MEM  DEPLOYMENTS  CMD\n"
        + "/web  3          2        1        1       0.10  32   d1           sleep 100\n", list.out());
    Cli queue = Cli.run("apps", "queue", "web", "--master", master.url());
    assertEquals(0, queue.code(), queue.err());
    assertTrue(queue.out().contains("InsufficientCpus     2 of 3"), queue.out());
    assertTrue(queue.out().contains("h1: not enough cpus"), queue.out());
    assertFalse(queue.out().contains("UnfulfilledRole"), queue.out());
  }

  @Test
  void scaleWithoutWaitSaysWhichDeploymentStarted() throws Exception {
    master.answer("PUT /frameworks/apps/v2/apps/web", "{'version': 'v2', 'deploymentId': 'd-42'}");
    Cli r = Cli.run("apps", "scale", "/web", "4", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment d-42 started\n", r.out());
    assertEquals(4, json.readTree(master.bodyOf("PUT /frameworks/apps/v2/apps/web")).path("instances").asInt());
  }

  @Test
  void jobsSuspendDisablesEverySchedule() throws Exception {
    master.answer("/frameworks/jobs/v1/jobs/nightly/schedules",
        "[{'id': 's1', 'cron': '0 2 * * *', 'enabled': true}, {'id': 's2', 'cron': '0 3 * * *', 'enabled': true}]")
        .answer("PUT /frameworks/jobs/v1/jobs/nightly/schedules/s1", "{'id': 's1', 'enabled': false}")
        .answer("PUT /frameworks/jobs/v1/jobs/nightly/schedules/s2", "{'id': 's2', 'enabled': false}");
    Cli r = Cli.run("jobs", "suspend", "nightly", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    JsonNode sent = json.readTree(master.bodyOf("PUT /frameworks/jobs/v1/jobs/nightly/schedules/s2"));
    assertFalse(sent.path("enabled").asBoolean(true));
    assertEquals("0 3 * * *", sent.path("cron").asText());
    assertTrue(r.out().contains("nightly  s2        false"), r.out());
  }

  @Test
  void logsReadsTheSandboxThroughTheMastersProxyUntilTheEnd() {
    master.answer("/api/v1/tasks?limit=10000", "{'tasks': [{'id': 't1', 'frameworkId': 'F0', 'agentId': 'S0'}]}")
        .answer("/agents/S0/sandbox/F0/t1/read?path=stdout&offset=0&length=1048576",
            "{'offset': 0, 'length': 6, 'size': 12, 'data': 'hello '}")
        .answer("/agents/S0/sandbox/F0/t1/read?path=stdout&offset=6&length=1048576",
            "{'offset': 6, 'length': 6, 'size': 12, 'data': 'world!'}");
    Cli r = Cli.run("logs", "t1", "--master", master.url());
    assertEquals(0, r.code(), r.err());
    assertEquals("hello world!", r.out());
    Cli unknown = Cli.run("logs", "t2", "--master", master.url());
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no task t2 on the leading master"), unknown.err());
    master.answer("/agents/S9/sandbox/F9/t2/read?path=stderr&offset=0&length=1048576",
        "{'offset': 0, 'length': 0, 'size': 0, 'data': ''}");
    assertEquals(0, Cli.run("logs", "t2", "--stderr", "--agent", "S9", "--framework", "F9", "--master",
        master.url()).code());
    assertEquals(2, Cli.run("logs", "t2", "--agent", "S9", "--master", master.url()).code());
  }

  @Test
  void aTokenIsSentAsBearerOnEveryRequest(@TempDir Path dir) throws Exception {
    master.answer("/api/v1/state", STATE);
    assertEquals(0, Cli.run("status", "--master", master.url(), "--token", "s3cret-token-0123").code());
    assertEquals("Bearer s3cret-token-0123", master.bodyOf("auth GET /api/v1/state"));
    Path file = Files.writeString(dir.resolve("admin.token"), "from-a-file-0123\n");
    assertEquals(0, Cli.run("status", "--master", master.url(), "--token-file", file.toString()).code());
    assertEquals("Bearer from-a-file-0123", master.bodyOf("auth GET /api/v1/state"));
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    Cli bad = Cli.run("status", "--master", master.url(), "--ca-file", notPem.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("ca.pem"), bad.err());
  }
}
