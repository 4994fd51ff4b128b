package dev.drover.agent.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP and TCP probes against a local server on a free port. */
class HealthProbesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    status("/ok", 200);
    status("/no-content", 204);
    status("/moved", 301);
    status("/found", 302);
    status("/not-modified", 304);
    status("/missing", 404);
    status("/teapot", 418);
    status("/broken", 500);
    status("/unavailable", 503);
    server.createContext("/slow", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);  // answers only when the test ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  private void status(String path, int code) {
    server.createContext(path, exchange -> {
      if (code >= 300 && code < 400) {
        exchange.getResponseHeaders().add("Location", "/elsewhere-that-does-not-exist");
      }
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    server.stop(0);
  }

  private boolean http(String path, Duration timeout) {
    return HealthProbes.http("http", server.getAddress().getPort(), path, timeout);
  }

  @Test
  void twoHundredsAndThreeHundredsAreHealthyWithoutFollowingTheRedirect() {
    assertTrue(http("/ok", TIMEOUT));
    assertTrue(http("/no-content", TIMEOUT));
    assertTrue(http("/moved", TIMEOUT), "301 counts healthy (its target would answer 404)");
    assertTrue(http("/found", TIMEOUT));
    assertTrue(http("/not-modified", TIMEOUT));
    assertTrue(http("ok", TIMEOUT), "a path without a leading slash");
  }

  @Test
  void fourHundredsAndFiveHundredsAreUnhealthy() {
    assertFalse(http("/missing", TIMEOUT));
    assertFalse(http("/teapot", TIMEOUT));
    assertFalse(http("/broken", TIMEOUT));
    assertFalse(http("/unavailable", TIMEOUT));
  }

  @Test
  void anAnswerLaterThanTheTimeoutIsAFailure() {
    assertFalse(http("/slow", Duration.ofMillis(200)));
  }

  @Test
  void nothingListeningIsAFailure() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
      assertTrue(HealthProbes.tcp(port, TIMEOUT));
    }
    assertFalse(HealthProbes.http("http", port, "/", TIMEOUT));
    assertFalse(HealthProbes.tcp(port, TIMEOUT));
    assertFalse(HealthProbes.http("http", 0, "/", TIMEOUT), "port 0 is never healthy");
  }
}
