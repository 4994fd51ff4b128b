package dev.drover.security.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One component's security settings, from {@code --security FILE} (YAML or JSON) or the equivalent flags. Every part
 * is optional; with none the component runs insecure (and says so loudly). Paths are as given; {@link #load}
 * resolves relative ones against the file's directory. Immutable.
 *
 * <pre>
 * tls: {cert: server.pem, key: server-key.pem, ca: ca.pem, clientAuth: none|optional|require}
 * credentials: credentials.yaml      # principals this component accepts (see Credentials)
 * acls: acls.yaml                    # what they may do (see Acls)
 * client: {principal: agent, secretFile: agent.token, cert: agent.pem, key: agent-key.pem}
 * limits: {bodyBytes: 1048576, requestsPerSecond: 100, burst: 200, grpcMaxMessageBytes: 4194304}
 * </pre>
 */
public record SecurityConfig(@JsonProperty("tls") Tls tls, @JsonProperty("credentials") String credentials,
    @JsonProperty("acls") String acls, @JsonProperty("client") Client client,
    @JsonProperty("limits") Limits limits) {

  /** Who may connect without a client certificate. */
  public enum ClientAuth {
    NONE, OPTIONAL, REQUIRE;

    /** Parses {@code none|optional|require}, failing with the allowed values. */
    public static ClientAuth parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tls.clientAuth must be none, optional or require, not '" + text + "'");
      }
    }
  }

  /**
   * The server side of TLS, and the CA that clients of this component trust.
   *
   * @param cert PEM certificate chain this component serves with; null on a pure client
   * @param key its PKCS#8 PEM private key
   * @param ca PEM CA certificate(s) to trust: peers' server certificates, and client certificates when required
   * @param clientAuth whether clients must present a certificate; a verified certificate's CN is a principal
   */
  public record Tls(@JsonProperty("cert") String cert, @JsonProperty("key") String key,
      @JsonProperty("ca") String ca, @JsonProperty("clientAuth") String clientAuth) {
    public ClientAuth clientAuthMode() {
      return clientAuth == null || clientAuth.isBlank() ? ClientAuth.NONE : ClientAuth.parse(clientAuth);
    }
  }

  /**
   * How this component authenticates as a client (agent to master, framework to master, CLI to REST APIs).
   *
   * @param principal its principal name (frameworks also put it in FrameworkInfo.principal)
   * @param secretFile a file holding its bearer token
   * @param cert a client certificate (mutual TLS), optional
   * @param key the client certificate's key
   */
  public record Client(@JsonProperty("principal") String principal, @JsonProperty("secretFile") String secretFile,
      @JsonProperty("cert") String cert, @JsonProperty("key") String key) {}

  /**
   * Hardening limits; null fields take the defaults.
   *
   * @param bodyBytes the largest REST request body (413 beyond); default 1 MiB
   * @param requestsPerSecond the token bucket's refill rate per principal (or client IP when anonymous); 0 turns
   *     rate limiting off; default 100 when the component is secured, off when insecure
   * @param burst the bucket's size; default twice the rate
   * @param grpcMaxMessageBytes the largest inbound gRPC message; default 4 MiB
   */
  public record Limits(@JsonProperty("bodyBytes") Long bodyBytes,
      @JsonProperty("requestsPerSecond") Double requestsPerSecond, @JsonProperty("burst") Integer burst,
      @JsonProperty("grpcMaxMessageBytes") Integer grpcMaxMessageBytes) {}

  /** No settings at all: insecure. */
  public static SecurityConfig none() {
    return new SecurityConfig(null, null, null, null, null);
  }

  /** Reads a settings file and resolves its relative paths against the file's directory. */
  public static SecurityConfig load(Path file) {
    SecurityConfig c = ConfigFiles.read(file, SecurityConfig.class);
    Path dir = file.toAbsolutePath().getParent();
    Tls tls = c.tls() == null ? null : new Tls(resolve(dir, c.tls().cert()), resolve(dir, c.tls().key()),
        resolve(dir, c.tls().ca()), c.tls().clientAuth());
    Client client = c.client() == null ? null : new Client(c.client().principal(),
        resolve(dir, c.client().secretFile()), resolve(dir, c.client().cert()), resolve(dir, c.client().key()));
    return new SecurityConfig(tls, resolve(dir, c.credentials()), resolve(dir, c.acls()), client, c.limits());
  }

  private static String resolve(Path dir, String p) {
    return p == null || p.isBlank() ? null : dir.resolve(p).toString();
  }

  /** Whether nothing at all is configured. */
  public boolean isEmpty() {
    return tls == null && credentials == null && acls == null && client == null;
  }

  public Optional<Tls> tlsSettings() {
    return Optional.ofNullable(tls);
  }

  public Optional<Client> clientSettings() {
    return Optional.ofNullable(client);
  }

  public Limits limitsOrDefaults() {
    return limits == null ? new Limits(null, null, null, null) : limits;
  }

  /** A copy with {@code tls} replaced. */
  public SecurityConfig withTls(Tls t) {
    return new SecurityConfig(t, credentials, acls, client, limits);
  }

  /** A copy with the credentials file replaced. */
  public SecurityConfig withCredentials(String file) {
    return new SecurityConfig(tls, file, acls, client, limits);
  }

  /** A copy with the ACL file replaced. */
  public SecurityConfig withAcls(String file) {
    return new SecurityConfig(tls, credentials, file, client, limits);
  }

  /** A copy with the client identity replaced. */
  public SecurityConfig withClient(Client c) {
    return new SecurityConfig(tls, credentials, acls, c, limits);
  }

  /** A copy with the limits replaced. */
  public SecurityConfig withLimits(Limits l) {
    return new SecurityConfig(tls, credentials, acls, client, l);
  }
}
