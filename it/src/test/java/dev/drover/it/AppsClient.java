package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An apps process of a {@link ProcessCluster} and a JSON client for its Marathon v2 API. */
final class AppsClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  final int port;
  final DroverProcess process;

  private AppsClient(int port, DroverProcess process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts {@code drover apps} on a free port with a 2 s ZooKeeper session, logging beside the cluster's, and waits
   * until it answers {@code /ping}. A port taken between choosing and binding it (the process exits) means another
   * try on another port.
   */
  static AppsClient start(ProcessCluster cluster, String testName, String name)
      throws IOException, InterruptedException {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve(testName);
    for (int attempt = 1; ; attempt++) {
      int port = Await.freePort();
      DroverProcess p = cluster.keep(DroverProcess.start(name, logs, "apps", "--zk", cluster.zk(), "--bind",
          "127.0.0.1", "--hostname", "127.0.0.1", "--http-port", Integer.toString(port), "--zk-session-timeout",
          "2s"));
      AppsClient c = new AppsClient(port, p);
      Await.until(name + " answers /ping or exits", Duration.ofSeconds(60), () -> !p.isAlive() || c.pings());
      if (p.isAlive() || attempt == 3) {
        return c;
      }
    }
  }

  private boolean pings() {
    try {
      return call("GET", "/ping", null).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> r = call("GET", path, null);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The app's tasks in TASK_RUNNING. */
  List<JsonNode> running(String appId) {
    List<JsonNode> out = new ArrayList<>();
    get("/v2/apps" + appId + "/tasks").path("tasks").forEach(t -> {
      if (t.path("state").asText().equals("TASK_RUNNING")) {
        out.add(t);
      }
    });
    return out;
  }

  /** Whether this process leads and answers. */
  boolean leading() {
    try {
      return get("/v2/info").path("elected").asBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
