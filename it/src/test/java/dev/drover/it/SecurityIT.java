package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.TaskSpec;
import dev.drover.security.Security;
import dev.drover.security.config.SecurityConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A secured cluster of real processes: {@code drover certs} makes the PKI and tokens; a master and an agent run with
 * {@code --security} (TLS everywhere, tokens, ACLs); frameworks in this JVM dial the master through the SDK with
 * TLS and tokens. Covers the "tests that must pass".
 */
@Timeout(240)
class SecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cr3t-Value-4711-never-shown";
  private static ProcessCluster cluster;
  private static Path certs;
  private static Path logs;
  private static DroverProcess master;
  private static DroverProcess agent;
  private static int masterHttp;
  private static int agentHttp;
  private static HttpClient https;
  private static final List<DroverSchedulerDriver> drivers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = ProcessCluster.start("security");
    logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("security");
    certs = cluster.work().resolve("certs");
    DroverProcess gen = DroverProcess.start("certs", logs, "certs", "--out", certs.toString(), "--hosts",
        "127.0.0.1", "--principals", "agent,apps,jobs,fw,admin,viewer");
    Await.until("drover certs exits", Duration.ofSeconds(60), () -> !gen.isAlive());
    assertTrue(Files.exists(certs.resolve("apps.token")), "drover certs wrote tokens");
    Files.writeString(certs.resolve("acls.yaml"), """
        rules:
          - {principals: [agent], action: register_agent}
          - {principals: [fw], action: register_framework, objects: [web]}
          - {principals: [fw], action: run_task_as, objects: [""]}
          - {principals: [apps, jobs], action: register_framework, objects: ["*"]}
          - {principals: [admin], action: view_jobs}
          - {principals: [admin], action: view_apps}
          - {principals: [admin, viewer], action: view_state}
          - {principals: [admin], action: drain_agent}
          - {principals: [admin], action: read_sandbox}
        """);
    String tls = "tls: {cert: server.pem, key: server-key.pem, ca: ca.pem, clientAuth: optional}\n"
        + "credentials: credentials.yaml\nacls: acls.yaml\n";
    Files.writeString(certs.resolve("master.yaml"), tls);
    Files.writeString(certs.resolve("agent.yaml"), tls + "client: {principal: agent, secretFile: agent.token}\n");
    Files.writeString(certs.resolve("apps.yaml"), tls + "client: {principal: apps, secretFile: apps.token}\n");
    Files.writeString(certs.resolve("jobs.yaml"), tls + "client: {principal: jobs, secretFile: jobs.token}\n");
    masterHttp = Await.freePort();
    master = cluster.keep(DroverProcess.start("master", logs, "master", "--zk", cluster.zk(), "--hostname",
        "127.0.0.1", "--bind", "127.0.0.1", "--http-port", Integer.toString(masterHttp), "--grpc-port",
        Integer.toString(Await.freePort()), "--zk-session-timeout", "2s", "--security",
        certs.resolve("master.yaml").toString()));
    agentHttp = Await.freePort();
    List<String> args = new ArrayList<>(List.of(cluster.agentArgs("agent", agentHttp,
        "cpus:2;mem:1024;ports:[31000-31010]")));
    args.addAll(List.of("--security", certs.resolve("agent.yaml").toString()));
    agent = cluster.agent("agent", args.toArray(String[]::new));
    https = HttpClient.newBuilder().sslContext(trusting(certs.resolve("ca.pem")))
        .connectTimeout(Duration.ofSeconds(5)).build();
    Await.until("the agent registers over TLS with its token", Duration.ofSeconds(60), () -> {
      HttpResponse<String> r = get("https://127.0.0.1:" + masterHttp + "/api/v1/agents", "viewer");
      return r.statusCode() == 200 && tree(r.body()).path("agents").size() == 1;
    });
  }

  @AfterAll
  static void stop() throws Exception {
    for (DroverSchedulerDriver d : drivers) {
      d.stop(false);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void restCallsNeedAGoodTokenAndThePermission() throws Exception {
    String state = "https://127.0.0.1:" + masterHttp + "/api/v1/state";
    HttpResponse<String> none = get(state, null);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")));
    HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(state))
        .header("Authorization", "Bearer this-is-not-a-valid-token").GET().build());
    assertEquals(401, bad.statusCode());
    assertEquals(200, get(state, "viewer").statusCode());
    HttpResponse<String> drain = send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + masterHttp
            + "/api/v1/maintenance/drain")).header("Authorization", "Bearer " + token("viewer"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"agentId\": \"nope\"}")).build());
    assertEquals(403, drain.statusCode(), drain.body());
    assertTrue(drain.body().contains("drain_agent") && drain.body().contains("viewer"), drain.body());
    HttpResponse<String> health = get("https://127.0.0.1:" + masterHttp + "/health", null);
    assertEquals(200, health.statusCode());
    assertFalse(tree(health.body()).path("insecure").asBoolean(), health.body());
    assertEquals(401, get("https://127.0.0.1:" + agentHttp + "/state", null).statusCode());
    assertEquals(200, get("https://127.0.0.1:" + agentHttp + "/state", "viewer").statusCode());
    HttpClient plain = HttpClient.newHttpClient();
    assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + masterHttp + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    String masterLog = Files.readString(master.log());
    assertTrue(masterLog.contains("Denied: principal 'viewer' may not drain_agent"), "the denial is logged");
  }

  @Test
  void aFrameworkWithoutCredentialsIsRefused() throws Exception {
    DroverSchedulerDriver d = driver("anon-fw", null, "web", new RecordingScheduler());
    Await.until("the master refuses the unauthenticated stream", Duration.ofSeconds(30),
        () -> log(master).contains("Refused an unauthenticated drover.v1.SchedulerService/Subscribe"));
    assertFalse(d.isSubscribed());
  }

  @Test
  void aFrameworkInARoleItMayNotUseIsRefused() throws Exception {
    DroverSchedulerDriver d = driver("prod-fw", "fw", "prod", new RecordingScheduler());
    Await.until("the master denies role prod", Duration.ofSeconds(30),
        () -> log(master).contains("principal 'fw' may not register_framework on 'prod'"));
    assertFalse(d.isSubscribed());
  }

  @Test
  void aPrivilegedDockerTaskIsRefusedByDefault() throws Exception {
    RecordingScheduler s = new RecordingScheduler();
    DroverSchedulerDriver d = driver("priv-fw", "fw", "web", s);
    Await.until("subscribed", Duration.ofSeconds(30), d::isSubscribed);
    s.submit(TaskSpec.builder("privileged-1").resources(Resources.parse("cpus:0.1;mem:32")).shell("sleep 30")
        .docker(new DockerSpec("local/busybox:latest", DockerSpec.Network.BRIDGE, List.of(), true, false,
            java.util.Map.of())).build());
    Await.until("the master denies use_privileged", Duration.ofSeconds(30),
        () -> log(master).contains("principal 'fw' may not use_privileged"));
    JsonNode tasks = JSON.readTree(get("https://127.0.0.1:" + masterHttp + "/api/v1/tasks", "viewer").body());
    assertFalse(tasks.toString().contains("privileged-1"), "the task never reached the master");
  }

  @Test
  void aSecretEnvValueIsAbsentFromLogsAndApis() throws Exception {
    RecordingScheduler s = new RecordingScheduler();
    DroverSchedulerDriver d = driver("secret-fw", "fw", "web", s);
    Await.until("subscribed", Duration.ofSeconds(30), d::isSubscribed);
    s.submit(TaskSpec.builder("secret-1").resources(Resources.parse("cpus:0.1;mem:32"))
        .shell("[ \"${#DB_PASSWORD}\" -eq " + SECRET.length() + " ] && sleep 60")
        .secretEnv("DB_PASSWORD", SECRET).build());
    Await.until("the task runs with its secret", Duration.ofSeconds(60),
        () -> s.first("secret-1", TaskState.RUNNING).isPresent());
    List<String> outputs = new ArrayList<>();
    for (String path : List.of("/api/v1/state", "/api/v1/tasks", "/api/v1/frameworks")) {
      outputs.add(get("https://127.0.0.1:" + masterHttp + path, "admin").body());
    }
    outputs.add(get("https://127.0.0.1:" + agentHttp + "/state", "admin").body());
    assertTrue(outputs.get(1).contains("secret-1"), "the task is in the state API");
    for (String out : outputs) {
      assertFalse(out.contains(SECRET), "an API showed the secret");
    }
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(SECRET), f + " holds the secret");
      }
    }
  }

  @Test
  void theAppsFrameworkSubscribesWithItsTokenAndItsApiIsGuardedAlsoBehindTheMasterProxy() throws Exception {
    int port = Await.freePort();
    cluster.keep(DroverProcess.start("apps", logs, "apps", "--zk", cluster.zk(), "--bind", "127.0.0.1",
        "--hostname", "127.0.0.1", "--http-port", Integer.toString(port), "--zk-session-timeout", "2s",
        "--security", certs.resolve("apps.yaml").toString()));
    Await.until("apps subscribes to the master over TLS as 'apps'", Duration.ofSeconds(90), () -> {
      for (JsonNode f : tree(get("https://127.0.0.1:" + masterHttp + "/api/v1/frameworks", "admin").body())
          .path("frameworks")) {
        if (f.path("name").asText().equals("apps") && f.path("active").asBoolean()) {
          return true;
        }
      }
      return false;
    });
    String direct = "https://127.0.0.1:" + port + "/v2/apps";
    Await.until("apps serves", Duration.ofSeconds(60), () -> get(direct, "admin").statusCode() == 200);
    assertEquals(401, get(direct, null).statusCode());
    assertEquals(403, get(direct, "viewer").statusCode());
    assertEquals(200, get("https://127.0.0.1:" + port + "/ping", null).statusCode());
    String proxied = "https://127.0.0.1:" + masterHttp + "/frameworks/apps/v2/apps";
    HttpResponse<String> viaMaster = get(proxied, "admin");
    assertEquals(200, viaMaster.statusCode(), viaMaster.body());
    assertTrue(tree(viaMaster.body()).has("apps"), viaMaster.body());
    assertEquals(403, get(proxied, "viewer").statusCode());
  }

  @Test
  void theJobsFrameworkSubscribesWithItsTokenAndItsApiIsGuarded() throws Exception {
    int port = Await.freePort();
    cluster.keep(DroverProcess.start("jobs", logs, "jobs", "--zk", cluster.zk(), "--bind", "127.0.0.1",
        "--hostname", "127.0.0.1", "--http-port", Integer.toString(port), "--zk-session-timeout", "2s",
        "--security", certs.resolve("jobs.yaml").toString()));
    Await.until("jobs subscribes to the master over TLS as 'jobs'", Duration.ofSeconds(90), () -> {
      for (JsonNode f : tree(get("https://127.0.0.1:" + masterHttp + "/api/v1/frameworks", "admin").body())
          .path("frameworks")) {
        if (f.path("name").asText().equals("jobs") && f.path("active").asBoolean()) {
          return true;
        }
      }
      return false;
    });
    String jobs = "https://127.0.0.1:" + port + "/v1/jobs";
    Await.until("jobs serves", Duration.ofSeconds(60), () -> get(jobs, "admin").statusCode() == 200);
    assertEquals(401, get(jobs, null).statusCode());
    HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(jobs))
        .header("Authorization", "Bearer " + token("admin")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"j1\", \"run\": {\"cmd\": \"true\"}}")).build());
    assertEquals(403, denied.statusCode(), denied.body());
    assertTrue(denied.body().contains("change_jobs"), denied.body());
    assertEquals(200, get("https://127.0.0.1:" + port + "/ping", null).statusCode());
  }

  private static DroverSchedulerDriver driver(String name, String principal, String role, RecordingScheduler s) {
    SecurityConfig.Client client = principal == null ? null
        : new SecurityConfig.Client(principal, certs.resolve(principal + ".token").toString(), null, null);
    Security sec = Security.of(new SecurityConfig(new SecurityConfig.Tls(null, null,
        certs.resolve("ca.pem").toString(), null), null, null, client, null));
    DroverSchedulerDriver d = DroverSchedulerDriver.builder(s, FrameworkConfig.builder(name).roles(role)
            .principal(principal == null ? "" : principal).failoverTimeout(Duration.ZERO).build())
        .zk(cluster.zk()).channelCredentials(sec.grpcChannelCredentials()).build();
    drivers.add(d);
    d.start();
    return d;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String log(DroverProcess p) {
    try {
      return Files.readString(p.log(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static String token(String principal) throws IOException {
    return Files.readString(certs.resolve(principal + ".token")).trim();
  }

  private static HttpResponse<String> get(String url, String principal) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
      if (principal != null) {
        b.header("Authorization", "Bearer " + token(principal));
      }
      return send(b.build());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return https.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext trusting(Path caPem) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      ks.setCertificateEntry("drover-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
