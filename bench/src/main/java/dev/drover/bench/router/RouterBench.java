package dev.drover.bench.router;

import dev.drover.bench.BenchDoc;
import dev.drover.router.RouterOptions;
import dev.drover.router.RouterService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Requests/s and latency through {@code drover router} to a local backend, beside the same backend hit directly, in
 * one run (issue 12: target ≥ 0.7 × direct). One JVM on loopback: a Vert.x backend answering 12 bytes, a stand-in
 * apps endpoint listing it as one ready instance of one app, the router (HTTP by Host header and TCP by service port)
 * and a Vert.x closed-loop load generator with keep-alive connections. Each target is warmed up, then measured;
 * direct runs first and last, so drift shows.
 */
public final class RouterBench {
  private RouterBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    int connections = Integer.getInteger("connections", 32);
    Duration time = Duration.ofSeconds(Integer.getInteger("seconds", 10));
    Duration warm = Duration.ofSeconds(Integer.getInteger("warmup", 4));
    List<AutoCloseable> closers = new ArrayList<>();
    try {
      Vertx backendVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      closers.add(() -> backendVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      int backend = freePort();
      await(backendVertx.deployVerticle(() -> new io.vertx.core.AbstractVerticle() {
        @Override
        public void start(io.vertx.core.Promise<Void> p) {
          vertx.createHttpServer().requestHandler(r -> r.response().putHeader("content-type", "text/plain")
              .end("hello world\n")).listen(backend, "127.0.0.1").<Void>mapEmpty().onComplete(p);
        }
      }, new DeploymentOptions().setInstances(2)));
      int servicePort = freePort();
      String apps = ("{'apps': [{'id': '/bench', 'portDefinitions': [{'port': " + servicePort + "}],"
          + " 'labels': {'DROVER_ROUTER_0_VHOST': 'bench.local'}, 'tasks': [{'id': 'bench.1', 'host': '127.0.0.1',"
          + " 'ports': [" + backend + "], 'state': 'TASK_RUNNING'}]}]}").replace('\'', '"');
      HttpServer appsServer = await(backendVertx.createHttpServer().requestHandler(r -> {
        if (r.path().equals("/v2/events")) {
          r.response().setChunked(true).putHeader("content-type", "text/event-stream").write(":\n\n");
        } else {
          r.response().putHeader("content-type", "application/json").end(apps);
        }
      }).listen(0, "127.0.0.1"));
      RouterService router = RouterService.start(new RouterOptions(Optional.empty(),
          Optional.of("http://127.0.0.1:" + appsServer.actualPort()), "127.0.0.1", 0, 0, Duration.ofMinutes(10),
          Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10)));
      closers.add(router);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (router.view().table().tcp().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      closers.add(() -> load.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

      String[][] targets = {{"direct", Integer.toString(backend)}, {"router HTTP (Host header)",
          Integer.toString(router.httpPort())}, {"router TCP (service port)", Integer.toString(servicePort)},
          {"direct again", Integer.toString(backend)}};
      List<String> rows = new ArrayList<>();
      double direct = 0;
      LoadRun.Result[] results = new LoadRun.Result[targets.length];
      for (int k = 0; k < targets.length; k++) {
        int port = Integer.parseInt(targets[k][1]);
        LoadRun.run(load, port, "bench.local", connections, warm);
        results[k] = LoadRun.run(load, port, "bench.local", connections, time);
        System.out.printf("%-28s %,10.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  (load %s)%n", targets[k][0],
            results[k].perSecond(), results[k].p50Ms(), results[k].p99Ms(), results[k].errors(),
            BenchDoc.loadAverage());
      }
      direct = (results[0].perSecond() + results[3].perSecond()) / 2;
      for (int k = 0; k < targets.length; k++) {
        LoadRun.Result r = results[k];
        rows.add(String.format("| %s | %,.0f | %.2f ms | %.2f ms | %d | %s |", targets[k][0], r.perSecond(),
            r.p50Ms(), r.p99Ms(), r.errors(), k == 0 || k == 3 ? "" : String.format("**%.2f ×**",
                r.perSecond() / direct)));
      }
      String region = "One JVM on loopback (" + BenchDoc.machine() + "; load average " + BenchDoc.loadAverage()
          + " at the end): a Vert.x backend (2 event loops) answering `hello world`, a stand-in apps endpoint\n"
          + "listing it as the one ready instance of `/bench`, `RouterService` (HTTP by `Host: bench.local`, TCP on\n"
          + "the service port; " + Runtime.getRuntime().availableProcessors() + " HTTP event loops) and a Vert.x\n"
          + "closed-loop load generator: " + connections + " keep-alive connections, each sending its next `GET /`\n"
          + "when the last answer is read; " + warm.toSeconds() + " s warm-up, then " + time.toSeconds()
          + " s measured per target. All share the machine's cores.\n\n"
          + "| target | requests/s | p50 | p99 | errors | × direct (mean of both direct runs) |\n"
          + "|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n\nTarget ≥ 0.7 × direct.\n";
      BenchDoc.rewrite(doc, "router", region);
    } finally {
      BenchDoc.closeAll(closers);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
