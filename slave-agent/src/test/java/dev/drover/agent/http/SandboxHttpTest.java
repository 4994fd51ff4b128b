package dev.drover.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.Poll;
import dev.drover.agent.metrics.AgentMetrics;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.TaskKey;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's HTTP server on a free port with a real sandbox directory. */
class SandboxHttpTest {
  @TempDir
  Path root;
  private AgentHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AgentMetrics metrics = new AgentMetrics();
  private Path sandbox;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = root.resolve("fw-1").resolve("t1");
    Files.createDirectories(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("stdout"), "0123456789");
    Files.writeString(sandbox.resolve("stderr"), "");
    server = AgentHttpServer.start("127.0.0.1", 0, () -> CompletableFuture.completedFuture(new AgentStateView(
        Optional.of("a1"), "h", true, Resources.parse("cpus:1"), Resources.EMPTY, List.of(), List.of(),
        "off: test")), root, metrics::scrape);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void listsASandboxAndReadsAFileWithOffsetAndLength() throws Exception {
    JsonArray list = new JsonArray(get("/files/fw-1/t1/browse").body());
    assertEquals(List.of("stderr", "stdout", "sub"), list.stream().map(o -> ((JsonObject) o).getString("name"))
        .toList());
    JsonObject read = new JsonObject(get("/files/fw-1/t1/read?path=stdout&offset=3&length=4").body());
    assertEquals("3456", read.getString("data"));
    assertEquals(10, read.getLong("size"));
    assertEquals("", new JsonObject(get("/files/fw-1/t1/read?path=stdout&offset=50").body()).getString("data"));
    assertEquals(404, get("/files/fw-1/t1/read?path=nope").statusCode());
  }

  @Test
  void refusesPathsThatLeaveTheSandbox() throws Exception {
    Files.writeString(root.resolve("secret"), "no");
    for (String bad : List.of("/files/fw-1/t1/read?path=../../secret", "/files/fw-1/t1/read?path=%2Fetc%2Fpasswd",
        "/files/fw-1/t1/browse?path=sub/../../t2", "/files/../t1/read?path=stdout",
        "/files/fw-1/../read?path=secret", "/files/fw-1/..%2F..%2F/read?path=secret")) {
      int status = get(bad).statusCode();
      assertTrue(status == 400 || status == 404, bad + " answered " + status);
      assertTrue(!get(bad).body().contains("\"data\":\"no\""), bad);
    }
    assertEquals(400, get("/files/fw-1/t1/read?path=../../secret").statusCode());
    assertEquals(400, get("/files/fw-1/t1/read?path=stdout&offset=-1").statusCode());
  }

  @Test
  void refusesSymlinksOutOfTheSandboxAndBadFollowOffsets() throws Exception {
    Files.writeString(root.resolve("secret"), "no");
    Files.createSymbolicLink(sandbox.resolve("escape"), root.resolve("secret"));
    Files.createSymbolicLink(sandbox.resolve("up"), root);
    Files.createSymbolicLink(sandbox.resolve("self"), sandbox.resolve("sub"));
    for (String bad : List.of("/files/fw-1/t1/read?path=escape", "/files/fw-1/t1/read?path=up/secret",
        "/files/fw-1/t1/browse?path=up", "/files/fw-1/t1/follow?path=escape")) {
      HttpResponse<String> r = get(bad);
      assertEquals(400, r.statusCode(), bad + ": " + r.body());
      assertTrue(r.body().contains("path"), r.body());
    }
    assertEquals(200, get("/files/fw-1/t1/browse?path=self").statusCode());
    assertEquals(400, get("/files/fw-1/t1/follow?path=stdout&offset=-1").statusCode());
    assertEquals(400, get("/files/fw-1/t1/read?path=stdout&length=-9223372036854775808").statusCode());
    assertEquals(400, get("/files/fw-1/t1/follow?path=sub").statusCode());
  }

  @Test
  void followsAFileAsServerSentEvents() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(url("/files/fw-1/t1/follow?path=stdout"))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
    List<String> events = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("data: ")) {
            events.add(new JsonObject(line.substring(6)).getString("data"));
          }
        }
      } catch (Exception e) {
        // closed by the test
      }
    });
    reader.setDaemon(true);
    reader.start();
    Poll.until(Duration.ofSeconds(10), "the existing content", () -> String.join("", events).equals("0123456789"));
    Files.writeString(sandbox.resolve("stdout"), "\nmore", StandardOpenOption.APPEND);
    Poll.until(Duration.ofSeconds(10), "the appended line", () -> String.join("", events).equals("0123456789\nmore"));
    r.body().close();
  }

  @Test
  void servesHealthAndPrometheusMetrics() throws Exception {
    TaskKey k = new TaskKey("fw-1", "t1");
    metrics.observe(StatusUpdate.create(Clock.systemUTC(), "a1", k, TaskState.STARTING, TaskReason.STARTED, "",
        OptionalInt.empty(), ""));
    metrics.observe(StatusUpdate.create(Clock.systemUTC(), "a1", k, TaskState.RUNNING, TaskReason.STARTED, "",
        OptionalInt.empty(), ""));
    assertEquals(200, get("/health").statusCode());
    String text = get("/metrics").body();
    assertTrue(text.contains("drover_agent_tasks_active 1.0"), text);
    assertTrue(text.contains("drover_agent_status_updates_total{reason=\"STARTED\",state=\"RUNNING\"} 1.0"), text);
    assertTrue(text.contains("drover_agent_task_launch_seconds_count 1"), text);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
