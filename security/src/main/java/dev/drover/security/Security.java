package dev.drover.security;

import dev.drover.security.authn.Authenticator;
import dev.drover.security.authn.Credentials;
import dev.drover.security.authz.Acls;
import dev.drover.security.authz.Authorizer;
import dev.drover.security.config.ConfigFiles;
import dev.drover.security.config.SecurityConfig;
import dev.drover.security.grpc.AdmissionInterceptor;
import dev.drover.security.grpc.AuthInterceptor;
import dev.drover.security.grpc.GrpcSecurity;
import dev.drover.security.http.HttpTls;
import dev.drover.security.http.Permission;
import dev.drover.security.http.RateLimiter;
import dev.drover.security.http.RestGuard;
import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's security, built once at start from its {@link SecurityConfig}: the files are read and checked
 * here, so a bad file stops the component at start with a message naming it. Hands out what each transport needs —
 * gRPC server credentials and interceptors, gRPC client credentials, Vert.x TLS options, the REST guard — so the
 * components only wire. {@link #insecure()} is the component without any of it. Immutable and thread-safe.
 */
public final class Security {
  private static final Logger LOG = LoggerFactory.getLogger(Security.class);
  /** Default REST body limit: 1 MiB. */
  public static final long DEFAULT_BODY_BYTES = 1 << 20;
  /** Default largest inbound gRPC message: 4 MiB. */
  public static final int DEFAULT_GRPC_MESSAGE_BYTES = 4 << 20;
  /** Default rate when secured: requests per second per principal. */
  public static final double DEFAULT_RATE = 100;

  private final SecurityConfig config;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final Optional<String> clientToken;

  private Security(SecurityConfig config, Authenticator authenticator, Authorizer authorizer,
      Optional<String> clientToken) {
    this.config = config;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.clientToken = clientToken;
  }

  /** No TLS, no authentication, no ACLs. */
  public static Security insecure() {
    return of(SecurityConfig.none());
  }

  /** Reads {@code --security FILE}. */
  public static Security load(Path file) {
    return of(SecurityConfig.load(file));
  }

  /**
   * Builds from settings, reading the credentials, ACL and secret files.
   *
   * @throws IllegalArgumentException naming the file or setting that is wrong
   */
  public static Security of(SecurityConfig config) {
    Optional<Credentials> creds = Optional.ofNullable(config.credentials()).map(Path::of).map(Credentials::load);
    boolean certs = config.tlsSettings().map(t -> t.clientAuthMode() == SecurityConfig.ClientAuth.REQUIRE)
        .orElse(false);
    config.tlsSettings().ifPresent(Security::checkTls);
    Optional<Acls> acls = Optional.ofNullable(config.acls()).map(Path::of).map(Acls::load);
    config.clientSettings().ifPresent(c -> {
      if ((c.cert() == null) != (c.key() == null)) {
        throw new IllegalArgumentException("client: cert and key go together");
      }
    });
    Optional<String> token = config.clientSettings().map(SecurityConfig.Client::secretFile)
        .map(f -> ConfigFiles.secret(Path.of(f)));
    if (token.isPresent() && token.get().isEmpty()) {
      throw new IllegalArgumentException("client.secretFile " + config.client().secretFile() + " is empty");
    }
    return new Security(config, new Authenticator(creds, certs), new Authorizer(acls), token);
  }

  private static void checkTls(SecurityConfig.Tls t) {
    t.clientAuthMode();
    if ((t.cert() == null) != (t.key() == null)) {
      throw new IllegalArgumentException("tls: cert and key go together");
    }
    if (t.clientAuthMode() != SecurityConfig.ClientAuth.NONE && t.ca() == null) {
      throw new IllegalArgumentException("tls.clientAuth " + t.clientAuth() + " needs tls.ca to check clients");
    }
    for (String f : new String[] {t.cert(), t.key(), t.ca()}) {
      if (f != null && !Path.of(f).toFile().canRead()) {
        throw new IllegalArgumentException("tls: cannot read " + f);
      }
    }
  }

  public SecurityConfig config() {
    return config;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public Authorizer authorizer() {
    return authorizer;
  }

  /** Whether this component serves TLS. */
  public boolean servesTls() {
    return config.tlsSettings().map(t -> t.cert() != null).orElse(false);
  }

  /** Whether callers must authenticate. */
  public boolean authenticates() {
    return authenticator.required();
  }

  /** What is missing for a secure server, empty when nothing is. */
  public List<String> insecurities() {
    List<String> out = new java.util.ArrayList<>();
    if (!servesTls()) {
      out.add("no TLS (traffic and tokens travel in clear text)");
    }
    if (!authenticates()) {
      out.add("no authentication (anyone who can connect may run anything on every agent)");
    }
    if (!authorizer.enabled()) {
      out.add("no ACLs (every authenticated principal may do everything)");
    }
    return out;
  }

  /** Logs a loud WARN at start when {@code component} serves without TLS or authentication. */
  public void warnIfInsecure(String component) {
    List<String> gaps = insecurities();
    if (!servesTls() || !authenticates()) {
      LOG.warn("*** INSECURE MODE: {} runs with {}. Configure --security (docs/security.md). ***", component,
          String.join("; ", gaps));
    } else if (!gaps.isEmpty()) {
      LOG.warn("{} security: {}", component, String.join("; ", gaps));
    } else {
      LOG.info("{} security: TLS, authentication and ACLs on", component);
    }
  }

  // --- gRPC ---------------------------------------------------------------------------------------------------------

  public ServerCredentials grpcServerCredentials() {
    return GrpcSecurity.serverCredentials(config.tlsSettings());
  }

  /** The master's interceptors, outermost last (pass to {@code ServerInterceptors.intercept} as they come). */
  public List<ServerInterceptor> grpcServerInterceptors() {
    return List.of(new AdmissionInterceptor(authorizer, authenticator.required()),
        new AuthInterceptor(authenticator));
  }

  /** Applies the gRPC limits and timeouts to a server builder. */
  public NettyServerBuilder harden(NettyServerBuilder builder) {
    Integer max = config.limitsOrDefaults().grpcMaxMessageBytes();
    return GrpcSecurity.harden(builder, max == null ? DEFAULT_GRPC_MESSAGE_BYTES : max);
  }

  /** How this component dials others over gRPC: TLS when a CA is configured, plus its bearer token if any. */
  public ChannelCredentials grpcChannelCredentials() {
    return GrpcSecurity.channelCredentials(config.tlsSettings(), config.clientSettings(), clientToken);
  }

  /** The principal this component calls others as, if configured. */
  public Optional<String> clientPrincipal() {
    return config.clientSettings().map(SecurityConfig.Client::principal).filter(p -> !p.isBlank());
  }

  /** The {@code Authorization} value this component sends as a client, if it has a token. */
  public Optional<String> clientAuthorization() {
    return clientToken.map(t -> "Bearer " + t);
  }

  // --- HTTP ---------------------------------------------------------------------------------------------------------

  public HttpServerOptions httpServerOptions() {
    return HttpTls.server(new HttpServerOptions(), config.tlsSettings());
  }

  /** Applies TLS to a client's options (proxies to agents and frameworks). */
  public HttpClientOptions httpClientOptions(HttpClientOptions options) {
    return HttpTls.client(options, config.tlsSettings(), config.clientSettings());
  }

  /** {@code https} when this component serves TLS, else {@code http}. */
  public String httpScheme() {
    return servesTls() ? "https" : "http";
  }

  public long bodyLimit() {
    Long b = config.limitsOrDefaults().bodyBytes();
    return b == null ? DEFAULT_BODY_BYTES : b;
  }

  /**
   * The REST guard for a router; install it before other routes.
   *
   * @param open paths that need no credentials (health checks)
   * @param permissions what each request needs
   */
  public RestGuard restGuard(Set<String> open, Function<io.vertx.core.http.HttpServerRequest, Optional<Permission>> permissions) {
    return restGuard(open, permissions, DEFAULT_BODY_BYTES);
  }

  /** As above, with this component's own default body limit (the settings' {@code limits.bodyBytes} wins). */
  public RestGuard restGuard(Set<String> open, Function<io.vertx.core.http.HttpServerRequest, Optional<Permission>> permissions,
      long defaultBodyLimit) {
    SecurityConfig.Limits l = config.limitsOrDefaults();
    long body = l.bodyBytes() != null ? l.bodyBytes() : defaultBodyLimit;
    double rate = l.requestsPerSecond() != null ? l.requestsPerSecond() : config.isEmpty() ? 0 : DEFAULT_RATE;
    Optional<RateLimiter> limiter = rate <= 0 ? Optional.empty() : Optional.of(new RateLimiter(rate,
        l.burst() != null ? l.burst() : (int) Math.max(1, Math.ceil(rate * 2)), System::nanoTime));
    return new RestGuard(authenticator, authorizer, body, limiter, open, permissions);
  }

  /** Installs {@link #restGuard} on {@code router}. */
  public RestGuard guard(Router router, Set<String> open,
      Function<io.vertx.core.http.HttpServerRequest, Optional<Permission>> permissions) {
    RestGuard g = restGuard(open, permissions);
    g.install(router);
    return g;
  }

  @Override
  public String toString() {
    return "Security[tls=" + servesTls() + ", authentication=" + authenticates() + ", acls=" + authorizer.enabled()
        + "]";
  }
}
