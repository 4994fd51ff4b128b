package dev.drover.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small JSON client for the layout's HTTP APIs (masters, apps, jobs, agents) on 127.0.0.1. Redirects are not
 * followed (a standby master's 307 is an answer). Nothing here throws on a dead peer: {@link #send} answers status
 * -1 and {@link #get} an empty result.
 */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private Http() {}

  /** A response: its status (-1 when nothing answered) and body (the error when nothing answered). */
  public record Reply(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public static Reply send(int port, String method, String path, String body) {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
      return new Reply(resp.statusCode(), resp.body());
    } catch (IOException e) {
      return new Reply(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted");
    }
  }

  /** The JSON of a 200 answer to GET, or empty. */
  public static Optional<JsonNode> get(int port, String path) {
    Reply r = send(port, "GET", path, null);
    if (r.status() != 200) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(r.body()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
