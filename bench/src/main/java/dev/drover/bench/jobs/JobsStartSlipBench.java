package dev.drover.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import dev.drover.bench.BenchDoc;
import dev.drover.jobs.JobsOptions;
import dev.drover.jobs.JobsService;
import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import dev.drover.zk.EmbeddedZooKeeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Start slip of the jobs framework: {@code jobs} jobs (default 100, then 1,000) share one 6-field schedule that fires every
 * {@code period} seconds (default 20); one JVM holds an embedded ZooKeeper, a master, {@code agents} real agents
 * running real processes ({@code true}) and one jobs instance. For each run: scheduled time → launch sent and →
 * RUNNING seen by the framework, from the runs' own timestamps; the first tick (cold JIT) is reported apart.
 */
public final class JobsStartSlipBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private JobsStartSlipBench() {}

  public static void main(String[] args) throws Exception {
    Path doc = args.length > 0 ? Path.of(args[0]) : null;
    // the engine logs how long its big passes (arming, launching, writing finished runs) take
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.drover.jobs.engine"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    String sizes = System.getProperty("jobs", "100,1000");
    int agents = Integer.getInteger("agents", 4);
    int period = Integer.getInteger("period", 30);
    int ticks = Integer.getInteger("ticks", 3);
    StringBuilder rows = new StringBuilder();
    for (String n : sizes.split(",")) {
      rows.append(slip(Integer.parseInt(n.trim()), agents, period, ticks));
    }
    String slip = String.format(Locale.ROOT, """
        ### Start slip: jobs firing at the same second
        One JVM: embedded ZooKeeper, one `Master`, %d real agents (`cpus:64;mem:65536`) forking a real process
        (`true`) per task, and one `JobsService` (lookahead 5 s, explicit acknowledgements). Every job has the
        schedule `*/%d * * * * *`; %d ticks after creation. Slip = the run's `launchedAt` (launch sent to the master)
        / `startedAt` (RUNNING seen by the framework) minus its `scheduledAt`, in ms. The first tick runs on a cold
        JIT. Target: p99 ≤ 100 ms to RUNNING for 1,000 jobs.

        | jobs | tick | runs | to launch sent p50 / p99 / max | to RUNNING p50 / p99 / max | MISSED |
        |---|---|---|---|---|---|
        %s""", agents, period, ticks, rows);
    String engine = JobsEngineBench.run(Integer.getInteger("registered", 10_000));
    String region = slip + "\n" + engine + "\nCommand: `bench/run jobs` (sizes: `JAVA_OPTS='-Djobs=100,1000 -Dagents=4 "
        + "-Dregistered=10000'`).\nMachine: " + BenchDoc.machine() + "; load average "
        + String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage()) + " at the end (other builds may share the machine).\n";
    System.out.println(region);
    BenchDoc.rewrite(doc, "jobs", region);
    System.exit(0);
  }

  static String slip(int jobs, int agents, int period, int ticks) throws Exception {
    Path dir = Files.createTempDirectory("jobs-bench");
    List<AutoCloseable> closers = new ArrayList<>();
    try {
      EmbeddedZooKeeper zk = EmbeddedZooKeeper.start("127.0.0.1", 0, dir.resolve("zk"), 500);
      closers.add(zk);
      String connect = zk.connectString("/drover");
      Master master = Master.start(MasterConfig.defaults(connect).withHostname("127.0.0.1")
          .withBindAddress("127.0.0.1").withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(4)));
      closers.add(master);
      await("master leads", master::isLeader, 30_000);
      for (int i = 0; i < agents; i++) {
        closers.add(Agent.start(AgentConfig.defaults(connect, dir.resolve("agent-" + i)).withHostname("127.0.0.1")
            .withBindAddress("127.0.0.1").withHttpPort(0).withZkSessionTimeout(Duration.ofSeconds(4))
            .withResources("cpus:64;mem:65536;disk:100000;ports:[" + (32000 + i * 100) + "-" + (32099 + i * 100)
                + "]")));
      }
      JobsService service = JobsService.start(connect, "127.0.0.1", 0, JobsOptions.defaults()
          .withZkSessionTimeout(Duration.ofSeconds(4)).withLookahead(Duration.ofSeconds(5)));
      closers.add(service);
      await("jobs leads", service::isLeader, 30_000);
      String base = "http://127.0.0.1:" + service.port();
      await("jobs serves", () -> status(base + "/v1/jobs") == 200, 30_000);
      long t0 = System.nanoTime();
      String cron = "*/" + period + " * * * * *";
      for (int i = 0; i < jobs; i++) {
        post(base + "/v1/jobs", "{\"id\":\"bench-" + i + "\",\"run\":{\"cmd\":\"true\",\"cpus\":0.1,\"mem\":32},"
            + "\"schedules\":[{\"id\":\"s\",\"cron\":\"" + cron + "\"}],"
            + "\"historyLimits\":{\"successful\":" + (ticks + 2) + ",\"failed\":" + (ticks + 2) + "}}");
      }
      System.out.printf(Locale.ROOT, "%d jobs created in %.1f s%n", jobs, (System.nanoTime() - t0) / 1e9);
      Instant created = Instant.now();
      await(ticks + " ticks ran", () -> finished(base, jobs) >= (long) jobs * ticks,
          (long) (period * (ticks + 2) + 60) * 1000);
      List<Long> launchCold = new ArrayList<>();
      List<Long> runCold = new ArrayList<>();
      List<Long> launchWarm = new ArrayList<>();
      List<Long> runWarm = new ArrayList<>();
      Instant firstTick = null;
      JsonNode all = get(base + "/v1/jobs?embed=history,activeRuns");
      List<JsonNode> runs = new ArrayList<>();
      for (JsonNode j : all) {
        j.path("history").path("successfulFinishedRuns").forEach(runs::add);
        j.path("history").path("failedFinishedRuns").forEach(runs::add);
        j.path("activeRuns").forEach(runs::add);
      }
      for (JsonNode r : runs) {
        if (r.hasNonNull("scheduledAt") && Instant.parse(r.get("scheduledAt").asText()).isAfter(created)) {
          Instant t = Instant.parse(r.get("scheduledAt").asText());
          firstTick = firstTick == null || t.isBefore(firstTick) ? t : firstTick;
        }
      }
      int missed = 0;
      for (JsonNode r : runs) {
        if (!r.hasNonNull("scheduledAt") || !r.hasNonNull("launchedAt")) {
          missed += "MISSED".equals(r.path("status").asText()) ? 1 : 0;
          continue;
        }
        Instant t = Instant.parse(r.get("scheduledAt").asText());
        boolean cold = t.equals(firstTick);
        long l = Duration.between(t, Instant.parse(r.get("launchedAt").asText())).toMillis();
        (cold ? launchCold : launchWarm).add(l);
        if (r.hasNonNull("startedAt")) {
          (cold ? runCold : runWarm).add(Duration.between(t, Instant.parse(r.get("startedAt").asText())).toMillis());
        }
      }
      return String.format(Locale.ROOT, "| %d | first | %d | %s | %s | %d |%n| %d | later | %d | %s | %s | |%n",
          jobs, launchCold.size(), BenchDoc.percentiles(launchCold), BenchDoc.percentiles(runCold), missed, jobs, launchWarm.size(), BenchDoc.percentiles(launchWarm),
          BenchDoc.percentiles(runWarm));
    } finally {
      BenchDoc.closeAll(closers);
    }
  }

  private static long finished(String base, int jobs) {
    try {
      long n = 0;
      for (JsonNode j : get(base + "/v1/jobs?embed=historySummary")) {
        n += j.path("historySummary").path("successCount").asLong() + j.path("historySummary")
            .path("failureCount").asLong() + j.path("historySummary").path("missedCount").asLong();
      }
      return n;
    } catch (Exception e) {
      return 0;
    }
  }


  private static JsonNode get(String url) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void post(String url, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST " + url + " -> " + r.statusCode() + " " + r.body());
    }
  }

  static void await(String what, BooleanSupplier c, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!c.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
