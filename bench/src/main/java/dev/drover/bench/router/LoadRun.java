package dev.drover.bench.router;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A closed-loop HTTP load: {@code connections} keep-alive connections, each sending its next GET as soon as the last
 * answer is read, for a fixed time. Latencies go to a histogram of 10 µs buckets (up to 2 s).
 */
final class LoadRun {
  private static final int BUCKET_NANOS = 10_000;
  private static final int BUCKETS = 200_000;

  /**
   * The outcome of one run.
   *
   * @param requests answered with 200
   * @param errors anything else
   * @param seconds measured time
   * @param p50Ms median latency
   * @param p99Ms 99th percentile latency
   */
  record Result(long requests, long errors, double seconds, double p50Ms, double p99Ms) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private LoadRun() {}

  /** Runs load against {@code port} on 127.0.0.1 with Host header {@code host} for {@code time}. */
  static Result run(Vertx vertx, int port, String host, int connections, Duration time) throws InterruptedException {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setMaxPoolSize(connections).setTcpNoDelay(true));
    AtomicLongArray hist = new AtomicLongArray(BUCKETS);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + time.toNanos();
    CountDownLatch done = new CountDownLatch(connections);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setServer(SocketAddress.inetSocketAddress(port,
        "127.0.0.1")).setHost(host).setPort(port).setURI("/");
    for (int c = 0; c < connections; c++) {
      loop(client, o, end, hist, ok, errors, done);
    }
    done.await(time.toSeconds() + 30, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    client.close();
    return new Result(ok.get(), errors.get(), seconds, percentile(hist, ok.get(), 0.50),
        percentile(hist, ok.get(), 0.99));
  }

  private static void loop(HttpClient client, RequestOptions o, long end, AtomicLongArray hist, AtomicLong ok,
      AtomicLong errors, CountDownLatch done) {
    long t0 = System.nanoTime();
    if (t0 >= end) {
      done.countDown();
      return;
    }
    client.request(o).compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result() == 200) {
            ok.incrementAndGet();
            hist.incrementAndGet((int) Math.min(BUCKETS - 1, (System.nanoTime() - t0) / BUCKET_NANOS));
          } else {
            errors.incrementAndGet();
          }
          loop(client, o, end, hist, ok, errors, done);
        });
  }

  private static double percentile(AtomicLongArray hist, long n, double q) {
    long rank = (long) Math.ceil(n * q);
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += hist.get(b);
      if (seen >= rank && rank > 0) {
        return (b + 1) * BUCKET_NANOS / 1e6;
      }
    }
    return Double.NaN;
  }
}
