package dev.drover.bench.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.bench.BenchDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One deploy: POST an app of {@code n} instances, wait until the REST layer shows all RUNNING, and report from the
 * tasks' own {@code startedAt} (RUNNING seen by the engine) against the moment the POST was sent.
 */
final class DeployRun {
  private DeployRun() {}

  static String run(Rest rest, String id, int n, int round) throws Exception {
    Instant posted = Instant.now();
    long t0 = System.nanoTime();
    rest.post("/v2/apps", Rest.app(id, n));
    long answered = System.nanoTime();
    JsonNode[] app = new JsonNode[1];
    AppsBench.await(n + " of " + id + " running", () -> {
      try {
        JsonNode a = rest.get("/v2/apps?id=" + id).path("apps");  // counts only: cheap to poll
        return a.size() == 1 && a.get(0).path("tasksRunning").asInt() >= n;
      } catch (Exception e) {
        return false;
      }
    }, 300_000);
    long seen = System.nanoTime();
    app[0] = rest.get("/v2/apps" + id).path("app");
    Instant first = null;
    Instant last = null;
    Instant staged = null;
    Instant lastStaged = null;
    for (JsonNode t : app[0].path("tasks")) {
      if (t.hasNonNull("stagedAt")) {
        Instant s = Instant.parse(t.get("stagedAt").asText());
        staged = staged == null || s.isBefore(staged) ? s : staged;
        lastStaged = lastStaged == null || s.isAfter(lastStaged) ? s : lastStaged;
      }
      if (t.hasNonNull("startedAt")) {
        Instant s = Instant.parse(t.get("startedAt").asText());
        first = first == null || s.isBefore(first) ? s : first;
        last = last == null || s.isAfter(last) ? s : last;
      }
    }
    double firstS = first == null ? Double.NaN : Duration.between(posted, first).toMillis() / 1e3;
    double allS = last == null ? (seen - t0) / 1e9 : Duration.between(posted, last).toMillis() / 1e3;
    double stagedS = staged == null ? Double.NaN : Duration.between(posted, staged).toMillis() / 1e3;
    double lastStagedS = lastStaged == null ? Double.NaN : Duration.between(posted, lastStaged).toMillis() / 1e3;
    System.out.printf(Locale.ROOT, "round %d: POST sent at %s%n", round, posted);
    System.out.printf(Locale.ROOT, "round %d: first placed %.2f s, last placed %.2f s%n", round, stagedS,
        lastStagedS);
    System.out.printf(Locale.ROOT, "round %d: POST answered in %.0f ms; first RUNNING %.2f s, all %d RUNNING %.2f s"
        + " (seen by the poll %.2f s)%n", round, (answered - t0) / 1e6, firstS, n, allS, (seen - t0) / 1e9);
    return String.format(Locale.ROOT, "| %d%s | %.0f ms | %.2f s | %.2f s | %.2f s | **%,.0f** | %s |%n",
        round, round == 1 ? " (cold)" : "", (answered - t0) / 1e6, stagedS, firstS, allS, n / allS, BenchDoc.loadAverage());
  }
}
