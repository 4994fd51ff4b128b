package dev.drover.security.authn;

import java.util.Objects;

/**
 * Who made a request, once authenticated. Immutable.
 *
 * @param name the principal's name as the credentials file (or a client certificate's CN) spells it
 * @param via how it proved who it is
 */
public record Principal(String name, Via via) {
  /** How a principal authenticated. */
  public enum Via {
    /** {@code Authorization: Bearer <token>} (HTTP) or the same gRPC metadata. */
    TOKEN,
    /** HTTP Basic against a password hash. */
    PASSWORD,
    /** The CN of a client certificate the CA signed (mutual TLS). */
    CERTIFICATE,
    /** Nobody: authentication is off and the request carried nothing. */
    NONE
  }

  /** The principal of unauthenticated requests when authentication is off. */
  public static final Principal ANONYMOUS = new Principal("anonymous", Via.NONE);

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(via, "via");
  }
}
