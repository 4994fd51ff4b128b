package dev.drover.security.grpc;

import dev.drover.security.authn.Authenticator;
import dev.drover.security.authn.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every gRPC call from its {@code authorization} metadata ({@code Bearer <token>}) or, with mutual
 * TLS, the client certificate's CN, and puts the {@link Principal} in the call's context ({@link
 * GrpcPrincipal#current}). A call that must authenticate and does not is closed with UNAUTHENTICATED before the
 * service sees it. Thread-safe.
 */
public final class AuthInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);
  /** The metadata key clients put their credentials under. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Authenticator authenticator;

  public AuthInterceptor(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    Authenticator.Result r = authenticator.authenticate(headers.get(AUTHORIZATION), tls);
    if (r instanceof Authenticator.Result.Authenticated ok) {
      return Contexts.interceptCall(Context.current().withValue(GrpcPrincipal.KEY, ok.principal()), call, headers,
          next);
    }
    String why = r instanceof Authenticator.Result.Invalid bad ? bad.reason()
        : "credentials required: send 'authorization: Bearer <token>' metadata or a client certificate";
    LOG.warn("Refused an unauthenticated {} call from {}: {}", call.getMethodDescriptor().getFullMethodName(),
        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), why);
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
