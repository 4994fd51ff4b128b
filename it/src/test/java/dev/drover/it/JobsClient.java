package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tiny client of the jobs REST API for the it/ tests; single quotes in bodies stand for double quotes. */
final class JobsClient {
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
