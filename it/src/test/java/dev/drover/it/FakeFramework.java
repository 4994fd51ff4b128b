package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;

/**
 * A stand-in for a framework's REST leader in the browser tests of the apps and jobs pages: a JDK HTTP server on
 * 127.0.0.1 whose routes the test gives as one handler, an SSE path that tells every open stream about each change
 * ({@link #changed}), and its leader record written (ephemeral) where the master's proxy looks for it. Thread-safe.
 */
final class FakeFramework implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status and JSON body. */
  record Reply(int status, Object body) {}

  /** The test's routes: method, path (with query) and the parsed body (null when none). */
  interface Routes {
    Reply answer(String method, String path, JsonNode body) throws Exception;
  }

  private final HttpServer server;
  private final CuratorFramework zk;
  private final String eventType;
  private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  private FakeFramework(HttpServer server, CuratorFramework zk, String eventType) {
    this.server = server;
    this.zk = zk;
    this.eventType = eventType;
  }

  /** Serves {@code routes}, {@code eventsPath} as SSE, and publishes itself as framework {@code name}'s leader. */
  static FakeFramework start(String zkConnect, String name, String eventsPath, String eventType, Routes routes)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    CuratorFramework zk = ZkClients.start(zkConnect, Duration.ofSeconds(5));
    FakeFramework f = new FakeFramework(server, zk, eventType);
    server.createContext("/", exchange -> f.handle(exchange, eventsPath, routes));
    server.start();
    LeaderInfo self = new LeaderInfo("fake-" + name, "127.0.0.1", 0, server.getAddress().getPort(), "test");
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.frameworkLeader(name),
        self.toBytes());
    return f;
  }

  private void handle(HttpExchange exchange, String eventsPath, Routes routes) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    requests.add(method + " " + path + (query == null ? "" : "?" + query));
    if (path.equals(eventsPath)) {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      streams.add(out);
      return;
    }
    try {
      byte[] in = exchange.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? null : JSON.readTree(in);
      Reply reply = routes.answer(method, path + (query == null ? "" : "?" + query), body);
      byte[] out = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      exchange.getResponseBody().write(out);
    } catch (Exception e) {
      byte[] out = ("{\"message\":\"fake failed: " + e + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, out.length);
      exchange.getResponseBody().write(out);
    } finally {
      exchange.close();
    }
  }

  /** Tells every open event stream that something changed. */
  void changed() {
    byte[] frame = ("event: " + eventType + "\ndata: {}\n\n").getBytes(StandardCharsets.UTF_8);
    for (OutputStream out : new ArrayList<>(streams)) {
      try {
        out.write(frame);
        out.flush();
      } catch (IOException e) {
        streams.remove(out);
      }
    }
  }

  @Override
  public void close() {
    zk.close();
    for (OutputStream out : streams) {
      try {
        out.close();
      } catch (IOException e) {
        // the browser is gone already
      }
    }
    server.stop(0);
  }
}
