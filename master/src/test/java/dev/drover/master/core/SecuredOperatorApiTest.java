package dev.drover.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.http.HttpApi;
import dev.drover.security.Security;
import dev.drover.security.config.SecurityConfig;
import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator API behind the security guard: which route needs which ACL action (MasterPermissions). */
class SecuredOperatorApiTest {
  private static final String OPS = "ops-token-0123456789";
  private static final String TUNER = "tuner-token-0123456789";

  @TempDir Path dir;
  private final FailoverTest fixture = new FailoverTest();
  private final MasterCore core = fixture.leader(Duration.ofSeconds(10), 5, Duration.ofHours(1));
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpApi api;

  @BeforeEach
  void serve() throws Exception {
    Files.writeString(dir.resolve("credentials.yaml"), "principals:\n"
        + "  - {name: ops, token: " + OPS + "}\n  - {name: tuner, token: " + TUNER + "}\n");
    Files.writeString(dir.resolve("acls.yaml"), """
        rules:
          - {principals: [ops], action: view_state}
          - {principals: [tuner], action: update_weights, objects: [web]}
        """);
    Security security = Security.of(new SecurityConfig(null, dir.resolve("credentials.yaml").toString(),
        dir.resolve("acls.yaml").toString(), null, null));
    vertx = Vertx.vertx();
    LeaderInfo self = new LeaderInfo("m1", "127.0.0.1", 5051, 0, "test");
    api = HttpApi.start(vertx, "127.0.0.1", 0, () -> new HttpApi.Sources(self, core::isLeader, Optional::empty,
        core::snapshot, core, Duration.ofMillis(200)), security);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    fixture.stop();
  }

  private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readsNeedViewState() throws Exception {
    assertEquals(401, call("GET", "/api/v1/state", null, null).statusCode());
    assertEquals(200, call("GET", "/api/v1/state", OPS, null).statusCode());
    HttpResponse<String> denied = call("GET", "/api/v1/state", TUNER, null);
    assertEquals(403, denied.statusCode());
    assertTrue(denied.body().contains("view_state"), denied.body());
    HttpResponse<String> health = call("GET", "/health", null, null);
    assertEquals(200, health.statusCode());
    assertTrue(health.body().contains("\"insecure\":true"), "no TLS: the UI shows its badge; " + health.body());
  }

  @Test
  void weightAndQuotaAreSeparatePermissionsOnTheRole() throws Exception {
    assertEquals(200, call("PUT", "/api/v1/roles/web", TUNER, "{\"weight\": 2}").statusCode());
    HttpResponse<String> quota = call("PUT", "/api/v1/roles/web", TUNER, "{\"quota\": {\"cpus\": 1}}");
    assertEquals(403, quota.statusCode());
    assertTrue(quota.body().contains("update_quota"), quota.body());
    assertEquals(403, call("PUT", "/api/v1/roles/batch", TUNER, "{\"weight\": 2}").statusCode());
    assertEquals(403, call("POST", "/api/v1/maintenance/drain", OPS, "{\"agentId\": \"a1\"}").statusCode());
  }
}
