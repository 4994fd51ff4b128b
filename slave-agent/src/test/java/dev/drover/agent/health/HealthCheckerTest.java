package dev.drover.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.drover.agent.ManualScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A task's checker stepped by a manual scheduler and clock: when checks run and which results count. */
class HealthCheckerTest {
  private final ManualScheduler timer = new ManualScheduler();
  private final List<Boolean> changes = new ArrayList<>();

  private static HealthCheckSpec spec(Duration delay, Duration interval, Duration timeout, int failures,
      Duration grace) {
    return new HealthCheckSpec(HealthCheckSpec.Type.TCP, "/", 1, -1, "http", Optional.empty(), delay, interval,
        timeout, failures, grace);
  }

  private HealthChecker checker(HealthCheckSpec spec, java.util.function.BooleanSupplier probe) {
    return new HealthChecker("fw/t", spec, probe, timer.clock(), timer.clock().instant(), changes::add)
        .start(timer);
  }

  @Test
  void theFirstCheckWaitsItsDelayThenRunsEveryInterval() {
    AtomicInteger runs = new AtomicInteger();
    HealthChecker c = checker(spec(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), 1,
        Duration.ZERO), () -> {
          runs.incrementAndGet();
          return true;
        });
    timer.advance(Duration.ofMillis(4999));
    assertEquals(0, runs.get(), "nothing before the delay");
    assertEquals(List.of(), changes);
    timer.advance(Duration.ofMillis(1));
    assertEquals(1, runs.get());
    assertEquals(List.of(true), changes);
    timer.advance(Duration.ofMillis(1999));
    assertEquals(1, runs.get());
    timer.advance(Duration.ofMillis(1));
    assertEquals(2, runs.get());
    assertEquals(List.of(true), changes, "sent only when health changes");
    c.stop();
    timer.advance(Duration.ofMinutes(1));
    assertEquals(2, runs.get(), "nothing after stop");
  }

  @Test
  void failuresCountOnlyOutsideTheGracePeriodAndInARow() {
    boolean[] ok = {false};
    checker(spec(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofSeconds(3)),
        () -> ok[0]);
    timer.advance(Duration.ofSeconds(2));  // runs at 0, 1, 2 s: all in the grace period
    assertEquals(List.of(), changes);
    timer.advance(Duration.ofSeconds(1));  // 3 s: first failure outside it
    assertEquals(List.of(), changes);
    timer.advance(Duration.ofSeconds(1));  // 4 s: second in a row
    assertEquals(List.of(false), changes);
    ok[0] = true;
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(false, true), changes);
  }

  @Test
  void aProbeThatThrowsIsAFailure() {
    checker(spec(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO), () -> {
      throw new IllegalStateException("boom");
    });
    timer.runDue();
    assertEquals(List.of(false), changes);
  }

  @Test
  void anHttpCheckThatTimesOutIsAFailure() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      HealthCheckSpec spec = spec(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(200), 1, Duration.ZERO);
      int port = server.getAddress().getPort();
      checker(spec, () -> HealthProbes.http("http", port, "/", spec.timeout()));
      timer.runDue();
      assertEquals(List.of(false), changes);
    } finally {
      release.countDown();
      server.stop(0);
    }
  }
}
