package dev.drover.bench.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The runner's HTTP client of the apps REST layer (blocking, JSON). */
final class Rest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  Rest(String base) {
    this.base = base;
  }

  JsonNode get(String path) throws Exception {
    return JSON.readTree(bytes(path));
  }

  /** The body of a GET that must answer 200. */
  byte[] bytes(String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " -> " + r.statusCode());
    }
    return r.body();
  }

  int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  void post(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
    }
  }

  void delete(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("DELETE " + path + " -> " + r.statusCode() + " " + r.body());
    }
  }

  /** Tasks the REST layer lists, in any state. */
  int taskCount() {
    try {
      return get("/v2/tasks").path("tasks").size();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Sum of {@code tasksRunning} over every app. */
  long running() throws Exception {
    long n = 0;
    for (JsonNode a : get("/v2/apps").path("apps")) {
      n += a.path("tasksRunning").asLong();
    }
    return n;
  }

  static String app(String id, int instances) {
    return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 600\",\"cpus\":0.01,\"mem\":1,\"disk\":0,\"instances\":"
        + instances + "}";
  }
}
