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
 * and a Vert.x closed-loop load generator with keep-alive connections. Each target is warmed up, then measured in
 * rounds that interleave the targets (the machine is shared; a burst of other load hits them alike); medians are
 * reported.
 */
public final class RouterBench {
  private RouterBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    int connections = Integer.getInteger("connections", 128);
    Duration time = Duration.ofSeconds(Integer.getInteger("seconds", 3));
    int rounds = Integer.getInteger("rounds", 5);
    Duration warm = Duration.ofSeconds(Integer.getInteger("warmup", 4));
    List<AutoCloseable> closers = new ArrayList<>();
    // Pinned (the default where taskset and 2+ cores exist): this JVM — load generator and backend — on core 0, the
    // router in its own JVM on core 1, as it would run on cores (or a host) of its own. "shared": all in this JVM.
    boolean pinned = !"shared".equals(System.getProperty("cores", "pinned")) && RouterProcess.canPin();
    if (pinned) {
      RouterProcess.pinSelf(0);
    }
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
      String appsUrl = "http://127.0.0.1:" + appsServer.actualPort();
      int routerHttp;
      if (pinned) {
        routerHttp = RouterProcess.start(appsUrl, closers);
      } else {
        RouterService router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(appsUrl),
            "127.0.0.1", 0, 0, Duration.ofMinutes(10), Integer.getInteger("routerLoops",
            Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(10)));
        closers.add(router);
        routerHttp = router.httpPort();
      }
      RouterProcess.awaitListening(servicePort, Duration.ofSeconds(30));
      Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      closers.add(() -> load.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

      String[] names = {"direct", "router HTTP (Host header)", "router TCP (service port)"};
      int[] ports = {backend, routerHttp, servicePort};
      for (int k = 0; k < ports.length; k++) {
        LoadRun.run(load, ports[k], "bench.local", connections, warm);
      }
      // Rounds interleave the targets, so a burst of load from other work on the machine hits them alike.
      List<List<LoadRun.Result>> results = new ArrayList<>();
      List<List<double[]>> busy = new ArrayList<>();
      for (int k = 0; k < ports.length; k++) {
        results.add(new ArrayList<>());
        busy.add(new ArrayList<>());
      }
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < ports.length; k++) {
          List<long[]> before = CoreBusy.sample();
          LoadRun.Result r = LoadRun.run(load, ports[k], "bench.local", connections, time);
          double[] cores = CoreBusy.between(before, CoreBusy.sample());
          results.get(k).add(r);
          busy.get(k).add(cores);
          System.out.printf("round %d %-28s %,10.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  cores busy %s"
              + "  (load %s)%n", round + 1, names[k], r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors(),
              percents(cores), BenchDoc.loadAverage());
        }
      }
      List<String> rows = new ArrayList<>();
      double direct = median(results.get(0), LoadRun.Result::perSecond);
      for (int k = 0; k < ports.length; k++) {
        List<LoadRun.Result> rs = results.get(k);
        double perSecond = median(rs, LoadRun.Result::perSecond);
        rows.add(String.format("| %s | %,.0f | %s | %.2f ms | %.2f ms | %d | %s | %s |", names[k], perSecond,
            rs.stream().map(r -> String.format("%,.0f", r.perSecond())).collect(java.util.stream.Collectors
                .joining(" / ")), median(rs, LoadRun.Result::p50Ms), median(rs, LoadRun.Result::p99Ms),
            rs.stream().mapToLong(LoadRun.Result::errors).sum(),
            k == 0 ? "1" : String.format("**%.2f ×** (%.2f ×)", perSecond / direct, pairedRatio(rs,
                results.get(0))), percents(medianPerCore(busy.get(k)))));
      }
      String where = pinned
          ? "Loopback, two JVMs pinned with `taskset` (" + BenchDoc.machine() + "; load average "
              + BenchDoc.loadAverage() + " at the end): on core 0 a Vert.x backend (2 event loops) answering"
              + " `hello world`,\na stand-in apps endpoint listing it as the one ready instance of `/bench`, and the"
              + " load generator — the same for\nevery target, so the direct figure is the limit; on core 1 the"
              + " router in its own JVM (`RouterMain`: `RouterService`, HTTP by\n`Host: bench.local`, TCP on the"
              + " service port), as it would run on a core or host of its own. Load generator: Vert.x, closed"
              + " loop, " + connections + " keep-alive\n"
          : "One JVM on loopback (" + BenchDoc.machine() + "; load average " + BenchDoc.loadAverage()
              + " at the end — the machine is shared): a Vert.x backend (2 event loops) answering `hello world`, a\n"
              + "stand-in apps endpoint listing it as the one ready instance of `/bench`, `RouterService` (HTTP by\n"
              + "`Host: bench.local`, TCP on the service port; " + Runtime.getRuntime().availableProcessors()
              + " HTTP event loops) and a Vert.x closed-loop load generator: " + connections + " keep-alive\n";
      String region = where
          + "connections, each sending its next `GET /` when the last answer is read. After a " + warm.toSeconds()
          + " s warm-up per target, " + rounds + " rounds of " + time.toSeconds() + " s per target, the targets\n"
          + "interleaved in each round; the table gives the median round (requests/s, p50, p99) and every round.\n\n"
          + "| target | requests/s (median) | each round | p50 | p99 | errors | × direct (median of the rounds' own"
          + " ratios) | cores busy (median; " + (pinned ? "core 0: backend and load generator, core 1: router"
          : "all in one JVM") + ") |\n"
          + "|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n\nTarget ≥ 0.7 × direct.\n";
      BenchDoc.rewrite(doc, "router", region);
    } finally {
      BenchDoc.closeAll(closers);
    }
  }

  private static String percents(double[] cores) {
    StringBuilder b = new StringBuilder();
    for (double c : cores) {
      b.append(b.length() == 0 ? "" : " / ").append(String.format("%.0f %%", c));
    }
    return b.length() == 0 ? "n/a" : b.toString();
  }

  /** Each core's median busy share over the rounds. */
  private static double[] medianPerCore(List<double[]> rounds) {
    int n = rounds.stream().mapToInt(r -> r.length).min().orElse(0);
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      int core = i;
      double[] v = rounds.stream().mapToDouble(r -> r[core]).sorted().toArray();
      m[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    return m;
  }

  /** The median over rounds of {@code rs}' throughput over the direct run's of the same round. */
  private static double pairedRatio(List<LoadRun.Result> rs, List<LoadRun.Result> direct) {
    double[] v = new double[rs.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = rs.get(k).perSecond() / direct.get(k).perSecond();
    }
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double median(List<LoadRun.Result> rs, java.util.function.ToDoubleFunction<LoadRun.Result> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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
