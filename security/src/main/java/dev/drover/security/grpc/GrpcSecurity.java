package dev.drover.security.grpc;

import dev.drover.security.config.SecurityConfig;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * gRPC transport security from PEM files (grpc-java's {@code TlsServerCredentials} / {@code TlsChannelCredentials},
 * served by grpc-netty-shaded), and the server's hardening limits. Stateless.
 */
public final class GrpcSecurity {
  private GrpcSecurity() {}

  /** TLS server credentials from {@code tls}, or plaintext when absent. */
  public static ServerCredentials serverCredentials(Optional<SecurityConfig.Tls> tls) {
    if (tls.isEmpty() || tls.get().cert() == null) {
      return InsecureServerCredentials.create();
    }
    SecurityConfig.Tls t = tls.get();
    try {
      TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder()
          .keyManager(new File(t.cert()), new File(t.key()));
      if (t.ca() != null) {
        b.trustManager(new File(t.ca()));
      }
      b.clientAuth(switch (t.clientAuthMode()) {
        case NONE -> TlsServerCredentials.ClientAuth.NONE;
        case OPTIONAL -> TlsServerCredentials.ClientAuth.OPTIONAL;
        case REQUIRE -> TlsServerCredentials.ClientAuth.REQUIRE;
      });
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key: " + e.getMessage(), e);
    }
  }

  /**
   * Client credentials: TLS trusting {@code tls.ca} (with {@code client.cert} for mutual TLS) when a CA is given,
   * plaintext otherwise; plus the bearer token when {@code token} is present.
   */
  public static ChannelCredentials channelCredentials(Optional<SecurityConfig.Tls> tls,
      Optional<SecurityConfig.Client> client, Optional<String> token) {
    ChannelCredentials transport = InsecureChannelCredentials.create();
    if (tls.isPresent() && tls.get().ca() != null) {
      try {
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(new File(tls.get().ca()));
        if (client.isPresent() && client.get().cert() != null) {
          b.keyManager(new File(client.get().cert()), new File(client.get().key()));
        }
        transport = b.build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CA or client certificate: " + e.getMessage(), e);
      }
    }
    return token.isEmpty() ? transport
        : CompositeChannelCredentials.create(transport, new BearerCredentials(token.get()));
  }

  /**
   * Timeouts and limits on every stream: the largest inbound message, keepalive pings (30 s, 10 s to answer),
   * idle connections closed after 5 minutes without a call, TLS handshakes within 20 s, clients may not ping more
   * often than every 10 s.
   */
  public static NettyServerBuilder harden(NettyServerBuilder b, int maxMessageBytes) {
    return b.maxInboundMessageSize(maxMessageBytes)
        .maxInboundMetadataSize(16 * 1024)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .maxConnectionIdle(5, TimeUnit.MINUTES)
        .handshakeTimeout(20, TimeUnit.SECONDS);
  }
}
