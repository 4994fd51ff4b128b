package dev.drover.security.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.security.Security;
import dev.drover.security.authz.Action;
import dev.drover.security.certs.DevCertificates;
import dev.drover.security.config.SecurityConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST guard in front of a real Vert.x server over TLS, called by the JDK client trusting the dev CA. */
class RestGuardTest {
  @TempDir static Path dir;
  static Vertx vertx;
  static HttpServer server;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    DevCertificates.forOneYear().generate(dir, List.of(), List.of("ops", "viewer", "limited"));
    Files.writeString(dir.resolve("acls.yaml"), """
        rules:
          - {principals: [ops, viewer, limited], action: view_apps}
          - {principals: [ops], action: change_apps}
        """);
    Files.writeString(dir.resolve("security.yaml"), """
        tls: {cert: server.pem, key: server-key.pem, ca: ca.pem}
        credentials: credentials.yaml
        acls: acls.yaml
        limits: {bodyBytes: 1000, requestsPerSecond: 0.01, burst: 3}
        """);
    Security security = Security.load(dir.resolve("security.yaml"));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    security.guard(router, Set.of("/ping"), req -> Optional.of(new Permission(
        req.method() == HttpMethod.GET ? Action.VIEW_APPS : Action.CHANGE_APPS, req.path())));
    router.route().handler(ctx -> ctx.response().end("hello " + RestGuard.principal(ctx).name()));
    server = vertx.createHttpServer(security.httpServerOptions()).requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    client = HttpClient.newBuilder().sslContext(ssl).build();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> call(String method, String path, String principal, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.actualPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (principal != null) {
      b.header("Authorization", "Bearer " + Files.readString(dir.resolve(principal + ".token")).trim());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void missingOrBadCredentialsAre401WithAChallenge() throws Exception {
    HttpResponse<String> none = call("GET", "/v2/apps", null, null);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")));
    HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
        + server.actualPort() + "/v2/apps")).header("Authorization", "Bearer wrong-wrong-wrong-wrong").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, bad.statusCode());
    assertEquals(200, call("GET", "/ping", null, null).statusCode());
  }

  @Test
  void goodTokenWithoutThePermissionIs403NamingTheRule() throws Exception {
    HttpResponse<String> r = call("POST", "/v2/apps", "viewer", "{}");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("change_apps") && r.body().contains("\"rule\":-1"), r.body());
    HttpResponse<String> ok = call("POST", "/v2/apps", "ops", "{}");
    assertEquals(200, ok.statusCode());
    assertEquals("hello ops", ok.body());
  }

  @Test
  void largeBodiesAre413() throws Exception {
    assertEquals(413, call("POST", "/v2/apps", "ops", "x".repeat(5000)).statusCode());
  }

  @Test
  void tooManyRequestsAre429WithRetryAfter() throws Exception {
    HttpResponse<String> last = null;
    for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
      last = call("GET", "/v2/apps/x", "limited", null);
    }
    assertEquals(429, last.statusCode());
    assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
  }
}
