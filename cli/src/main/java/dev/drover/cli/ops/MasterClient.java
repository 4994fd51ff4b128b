package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JSON over HTTP to the leading master, and through its proxy to the apps and jobs frameworks
 * ({@code /frameworks/apps/...}, {@code /frameworks/jobs/...}) and the agents' sandboxes. Redirects (a standby's 307)
 * are followed. Every failure becomes an {@link ApiException} naming the cause in one line. Not thread-safe for
 * concurrent use of one instance by several commands; one command uses one client.
 */
public final class MasterClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final String token;

  /** A client of the master at {@code baseUrl} ({@code http://host:5050}, no trailing slash). */
  public MasterClient(String baseUrl, Duration requestTimeout) {
    this(baseUrl, requestTimeout, null, null);
  }

  /**
   * A client of a secured master: {@code ssl} (may be null) trusts its certificate, {@code token} (may be null) is
   * sent as {@code Authorization: Bearer} on every request.
   */
  public MasterClient(String baseUrl, Duration requestTimeout, javax.net.ssl.SSLContext ssl, String token) {
    this.base = baseUrl.replaceAll("/+$", "");
    this.requestTimeout = requestTimeout;
    this.token = token;
    HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  public String baseUrl() {
    return base;
  }

  /** Percent-encodes one path segment or query value. */
  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public JsonNode get(String path) {
    return send("GET", path, null).body();
  }

  /** GET that answers empty on 404 instead of failing. */
  public Optional<JsonNode> find(String path) {
    Response r = exchange("GET", path, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(check("GET", path, r).body());
  }

  /** Sends a request; a status of 400 or more is an {@link ApiException} with the server's message. */
  public Response send(String method, String path, String body) {
    return check(method, path, exchange(method, path, body));
  }

  private Response check(String method, String path, Response r) {
    if (r.status() >= 400) {
      throw new ApiException(method + " " + path + ": HTTP " + r.status() + " " + r.message());
    }
    return r;
  }

  /** Sends a request and answers whatever status came back; only transport failures throw. */
  public Response exchange(String method, String path, String body) {
    HttpRequest.Builder b = authorized(HttpRequest.newBuilder(uri(path))).timeout(requestTimeout)
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), parse(r.body()), r.body(),
          r.headers().firstValue("Marathon-Deployment-Id").orElse(null));
    } catch (IOException e) {
      throw transport(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted");
    }
  }

  /**
   * Reads a Server-Sent Events stream, giving each event's {@code data} to {@code onData}, until the stream ends or
   * the thread is interrupted.
   */
  public void stream(String path, Consumer<String> onData) {
    stream(path, in -> { }, onData);
  }

  /** As {@link #stream(String, Consumer)}, handing the open body to {@code onOpen} so another thread may close it. */
  public void stream(String path, Consumer<java.io.Closeable> onOpen, Consumer<String> onData) {
    HttpRequest r = authorized(HttpRequest.newBuilder(uri(path))).header("Accept", "text/event-stream").GET()
        .build();
    try {
      HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
      onOpen.accept(resp.body());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
        if (resp.statusCode() >= 400) {
          String text = in.lines().reduce("", String::concat);
          throw new ApiException("GET " + path + ": HTTP " + resp.statusCode() + " "
              + new Response(resp.statusCode(), parse(text), text, null).message());
        }
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("data:")) {
            data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
          } else if (line.isEmpty() && data.length() > 0) {
            onData.accept(data.toString());
            data.setLength(0);
          }
        }
      }
    } catch (IOException e) {
      throw transport(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private URI uri(String path) {
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new ApiException("not a valid URL: " + base + path);
    }
  }

  private ApiException transport(IOException e) {
    if (e instanceof ConnectException) {
      return new ApiException("connection refused to " + base);
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return new ApiException("TLS with " + base + " failed: " + e.getMessage()
          + " (--ca-file names the cluster's CA; http:// for an insecure master)");
    }
    if (e instanceof HttpTimeoutException) {
      return new ApiException("no answer from " + base + " within " + requestTimeout.toSeconds() + " s");
    }
    return new ApiException("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage()));
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  /** An answer: status, body as JSON (a text node when it is not JSON), and the deployment it started, if any. */
  public record Response(int status, JsonNode body, String raw, String deploymentId) {
    /** The server's message: {@code message} or {@code error} of a JSON body (with validation details), or the text. */
    public String message() {
      StringBuilder m = new StringBuilder();
      if (body.hasNonNull("message")) {
        m.append(body.get("message").asText());
      } else if (body.hasNonNull("error")) {
        m.append(body.get("error").asText());
        if (body.hasNonNull("field")) {
          m.append(" (field ").append(body.get("field").asText()).append(')');
        }
      } else {
        m.append(raw == null ? "" : raw.strip().replaceAll("\\s+", " "));
      }
      for (JsonNode d : body.path("details")) {
        m.append("; ").append(d.path("path").asText()).append(": ");
        m.append(String.join(", ", textList(d.path("errors"))));
      }
      return m.toString();
    }

    private static java.util.List<String> textList(JsonNode array) {
      java.util.List<String> out = new java.util.ArrayList<>();
      array.forEach(n -> out.add(n.asText()));
      return out;
    }
  }
}
