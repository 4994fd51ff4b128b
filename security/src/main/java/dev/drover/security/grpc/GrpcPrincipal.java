package dev.drover.security.grpc;

import dev.drover.security.authn.Principal;
import io.grpc.Context;

/** The authenticated principal of the gRPC call being served, in the call's {@link Context}. */
public final class GrpcPrincipal {
  static final Context.Key<Principal> KEY = Context.keyWithDefault("drover-principal", Principal.ANONYMOUS);

  private GrpcPrincipal() {}

  /** The current call's principal; {@link Principal#ANONYMOUS} outside a call or when authentication is off. */
  public static Principal current() {
    return KEY.get();
  }
}
