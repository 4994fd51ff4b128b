package dev.drover.bench.apps;

import dev.drover.bench.BenchDoc;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code GET /v2/apps?embed=apps.tasks} with {@code apps} apps of {@code perApp} RUNNING instances each: the apps are
 * posted one by one, then, once all their instances run, the list is fetched {@code warmup} times unmeasured and
 * {@code requests} times measured, one request at a time (whole body read).
 */
final class ListRun {
  private ListRun() {}

  static String run(Rest rest, int apps, int perApp, int warmup, int requests) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < apps; i++) {
      rest.post("/v2/apps", Rest.app(String.format(Locale.ROOT, "/list/app-%04d", i), perApp));
    }
    double postS = (System.nanoTime() - t0) / 1e9;
    long total = (long) apps * perApp;
    AppsBench.await(total + " instances running", () -> {
      try {
        return rest.running() >= total;
      } catch (Exception e) {
        return false;
      }
    }, 600_000);
    double runS = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%d apps posted in %.1f s, %d instances running after %.1f s%n", apps, postS,
        total, runS);
    String path = "/v2/apps?embed=apps.tasks";
    int size = 0;
    for (int i = 0; i < warmup; i++) {
      size = rest.bytes(path).length;
    }
    long[] ms = new long[requests];
    for (int i = 0; i < requests; i++) {
      long s = System.nanoTime();
      size = rest.bytes(path).length;
      ms[i] = System.nanoTime() - s;
    }
    Arrays.sort(ms);
    String loadNow = BenchDoc.loadAverage();
    double p50 = ms[requests / 2] / 1e6;
    double p99 = ms[(int) Math.floor(0.99 * (requests - 1))] / 1e6;
    double max = ms[requests - 1] / 1e6;
    System.out.printf(Locale.ROOT, "GET %s: %d bytes, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", path, size, p50, p99,
        max);
    return String.format(Locale.ROOT, """
        ### (b) `GET /v2/apps?embed=apps.tasks` with %,d apps × %d instances RUNNING
        %,d apps posted one by one (`POST /v2/apps`, %d instances each) in %.1f s; all %,d instances RUNNING %.1f s
        after the first POST. Then %d unmeasured requests (warm-up) and %d measured, one at a time, from request
        sent to the whole body read (java.net.http client, HTTP/1.1, same JVM). Answer: %,d bytes.

        | requests | p50 | p99 | max | load average |
        |---|---|---|---|---|
        | %d | %.1f ms | **%.1f ms** | %.1f ms | %s |

        Target p99 ≤ 50 ms (Marathon #1274: 12 s with 1,000 tasks).
        """, apps, perApp, apps, perApp, postS, total, runS, warmup, requests, size, requests, p50, p99, max,
        loadNow);
  }
}
