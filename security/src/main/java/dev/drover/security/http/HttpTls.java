package dev.drover.security.http;

import dev.drover.security.config.SecurityConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Optional;

/** Vert.x TLS options from the same PEM files as gRPC. Stateless. */
public final class HttpTls {
  private HttpTls() {}

  /** Sets TLS (and client-certificate checking) on {@code options} when a server certificate is configured. */
  public static HttpServerOptions server(HttpServerOptions options, Optional<SecurityConfig.Tls> tls) {
    if (tls.isEmpty() || tls.get().cert() == null) {
      return options;
    }
    SecurityConfig.Tls t = tls.get();
    options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(t.cert()).setKeyPath(t.key()));
    if (t.ca() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(t.ca()));
    }
    options.setClientAuth(switch (t.clientAuthMode()) {
      case NONE -> ClientAuth.NONE;
      case OPTIONAL -> ClientAuth.REQUEST;
      case REQUIRE -> ClientAuth.REQUIRED;
    });
    return options;
  }

  /**
   * Sets TLS on a client's options when a CA is configured (every peer in a secured cluster serves TLS), with the
   * client certificate for mutual TLS when one is configured.
   */
  public static HttpClientOptions client(HttpClientOptions options, Optional<SecurityConfig.Tls> tls,
      Optional<SecurityConfig.Client> client) {
    if (tls.isEmpty() || tls.get().ca() == null) {
      return options;
    }
    options.setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(tls.get().ca()));
    if (client.isPresent() && client.get().cert() != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(client.get().cert())
          .setKeyPath(client.get().key()));
    }
    return options;
  }
}
