package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * A cluster of real processes for one test: a ZooKeeper server JVM, then whatever masters and agents the test
 * starts (each its own JVM, logs under target/it-logs/<name>/), and the test's own ZooKeeper client following the
 * leader. Closing it stops everything it started, newest first. Sessions are 2 s so failovers are quick.
 */
final class ProcessCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Path logs;
  private final Path work;
  private final String zk;
  private LeaderTracker leaders;

  private ProcessCluster(Path logs, Path work, String zk) {
    this.logs = logs;
    this.work = work;
    this.zk = zk;
  }

  /** Starts the ZooKeeper server; {@code name} names the log folder. */
  static ProcessCluster start(String name) throws IOException {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve(name);
    Path work = Files.createTempDirectory("drover-it-" + name);
    int port = Await.freePort();
    ProcessCluster c = new ProcessCluster(logs, work, "127.0.0.1:" + port + "/drover");
    c.keep(DroverProcess.start("zk", logs, "zk", "--port", Integer.toString(port),
        "--data-dir", work.resolve("zk").toString(), "--tick-time", "200"));
    return c;
  }

  String zk() {
    return zk;
  }

  Path work() {
    return work;
  }

  <T extends AutoCloseable> T keep(T closeable) {
    closers.add(closeable);
    return closeable;
  }

  DroverProcess master(String name) throws IOException {
    return keep(DroverProcess.start(name, logs, "master", "--zk", zk, "--hostname", "127.0.0.1",
        "--bind", "127.0.0.1", "--http-port", Integer.toString(Await.freePort()),
        "--grpc-port", Integer.toString(Await.freePort()), "--zk-session-timeout", "2s"));
  }

  /**
   * A {@code drover jobs} instance on {@code httpPort} (2 s ZooKeeper session, scheduled runs written 1 s ahead of
   * their tick); several of them elect one leader.
   */
  DroverProcess jobs(String name, int httpPort) throws IOException {
    return keep(DroverProcess.start(name, logs, "jobs", "--zk", zk, "--bind", "127.0.0.1", "--hostname",
        "127.0.0.1", "--http-port", Integer.toString(httpPort), "--zk-session-timeout", "2s", "--lookahead", "1s"));
  }

  /** The command line of an agent with its own work dir; start it (again) with {@link #agent(String, String[])}. */
  String[] agentArgs(String name, int httpPort, String resources) {
    return new String[] {"agent", "--zk", zk, "--hostname", "127.0.0.1", "--bind", "127.0.0.1",
        "--http-port", Integer.toString(httpPort), "--work-dir", work.resolve(name).toString(),
        "--resources", resources, "--zk-session-timeout", "2s", "--allow-root-tasks", "--docker-allow-host-network"};
  }

  DroverProcess agent(String name, String[] args) throws IOException {
    return keep(DroverProcess.start(name, logs, args));
  }

  DroverProcess agent(String name, String resources) throws IOException {
    return agent(name, agentArgs(name, Await.freePort(), resources));
  }

  /** The leader as ZooKeeper says, followed by this test's own client. */
  synchronized LeaderTracker leaders() {
    if (leaders == null) {
      CuratorFramework client = keep(ZkClients.start(zk, Duration.ofSeconds(5)));
      leaders = keep(new LeaderTracker(client, ZkPaths.MASTER_LEADER).start());
    }
    return leaders;
  }

  /** Which of {@code masters} wrote the leader record {@code leader} (its id is in its log). */
  static DroverProcess whichIs(List<DroverProcess> masters, LeaderInfo leader) {
    return masters.stream().filter(m -> {
      try {
        return Files.exists(m.log()) && Files.readString(m.log()).contains(leader.id());
      } catch (IOException e) {
        return false;
      }
    }).findFirst().orElseThrow(() -> new AssertionError("no master logged the id " + leader.id()));
  }

  /** The leading master's {@code /api/v1/state}. */
  JsonNode state() throws IOException, InterruptedException {
    LeaderInfo leader = leaders().leader().orElseThrow(() -> new IllegalStateException("no leader yet"));
    return get(leader.httpUrl() + "/api/v1/state")
        .orElseThrow(() -> new IllegalStateException("the leader's state did not answer 200"));
  }

  /** Agents with a live stream to the leader, or -1 while that cannot be told. */
  int activeAgents() {
    return count("agents", a -> a.path("active").asBoolean());
  }

  /** Tasks the leader holds in {@code state} (e.g. TASK_RUNNING), or -1 while that cannot be told. */
  int tasksIn(String state) {
    return count("tasks", t -> state.equals(t.path("state").asText()));
  }

  /** An agent's own {@code /state}, if it answers. */
  Optional<JsonNode> agentState(int port) {
    try {
      return get("http://127.0.0.1:" + port + "/state");
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private int count(String field, java.util.function.Predicate<JsonNode> which) {
    try {
      int n = 0;
      for (JsonNode node : state().path(field)) {
        n += which.test(node) ? 1 : 0;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Optional<JsonNode> get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
  }

  @Override
  public void close() throws Exception {
    for (int i = closers.size() - 1; i >= 0; i--) {
      closers.get(i).close();
    }
  }

  /** A tiny client of the jobs REST API for the it/ tests; single quotes in bodies stand for double quotes. */
  static final class JobsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    JobsClient(int port) {
      this.port = port;
    }

    int port() {
      return port;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
      r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body) {
      try {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() >= 300) {
          throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    JsonNode get(String path) {
      return json("GET", path, null);
    }

    /** Every run of a job the API knows: active ones and both history lists. */
    List<JsonNode> allRuns(String jobId) {
      JsonNode j = get("/v1/jobs/" + jobId + "?embed=activeRuns,history");
      List<JsonNode> out = new ArrayList<>();
      j.path("activeRuns").forEach(out::add);
      j.path("history").path("successfulFinishedRuns").forEach(out::add);
      j.path("history").path("failedFinishedRuns").forEach(out::add);
      return out;
    }

    /** The status of a request, or -1 when it cannot be sent. */
    int status(String method, String path) {
      try {
        return send(method, path, null).statusCode();
      } catch (Exception e) {
        return -1;
      }
    }

    boolean answers() {
      try {
        return send("GET", "/ping", null).statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    }
  }
}
