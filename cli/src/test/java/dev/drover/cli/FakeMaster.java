package dev.drover.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JDK HTTP server on 127.0.0.1 answering canned JSON by "METHOD path?query" (or just the path for GET), 404 with a
 * Marathon-style message otherwise; {@link #redirectTo} makes it a standby answering 307 to a leader.
 */
final class FakeMaster implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private volatile String redirect;

  FakeMaster() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String target = ex.getRequestURI().getRawPath()
          + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      String key = ex.getRequestMethod() + " " + target;
      bodies.put(key, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        bodies.put("auth " + key, auth);
      }
      if (redirect != null) {
        ex.getResponseHeaders().add("Location", redirect + target);
        ex.sendResponseHeaders(307, -1);
        ex.close();
        return;
      }
      String body = answers.getOrDefault(key, ex.getRequestMethod().equals("GET") ? answers.get(target) : null);
      int status = 200;
      if (body == null) {
        status = 404;
        body = "{\"message\": \"no such thing: " + target + "\"}";
      } else if (body.matches("^\\d{3} .*")) {
        status = Integer.parseInt(body.substring(0, 3));
        body = body.substring(4);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
  }

  /** Answers {@code body} to {@code key} ("GET /x", "POST /y" or a GET path); a body "422 {...}" sets the status. */
  FakeMaster answer(String key, String body) {
    answers.put(key, body.replace('\'', '"'));
    return this;
  }

  String bodyOf(String key) {
    return bodies.get(key);
  }

  void redirectTo(String url) {
    redirect = url;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
