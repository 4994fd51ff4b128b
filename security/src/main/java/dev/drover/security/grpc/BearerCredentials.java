package dev.drover.security.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/** Client side: attaches {@code authorization: Bearer <token>} to every call. Immutable and thread-safe. */
public final class BearerCredentials extends CallCredentials {
  private final String token;

  public BearerCredentials(String token) {
    this.token = token;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    Metadata m = new Metadata();
    m.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
    applier.apply(m);
  }

  @Override
  public String toString() {
    return "BearerCredentials[***]";
  }
}
