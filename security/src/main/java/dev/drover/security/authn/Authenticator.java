package dev.drover.security.authn;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Turns what a request carries (an {@code Authorization} value, a TLS session) into a {@link Principal}. With no
 * credentials file and no client certificates required, authentication is off: requests without credentials are
 * {@link Principal#ANONYMOUS}. Immutable and thread-safe.
 */
public final class Authenticator {
  /** The outcome of one attempt. */
  public sealed interface Result {
    /** The request proved who it is. */
    record Authenticated(Principal principal) implements Result {}

    /** Nothing was presented and authentication is required. */
    record Missing() implements Result {}

    /** Something was presented and it is wrong; {@code reason} never contains the secret. */
    record Invalid(String reason) implements Result {}
  }

  private final Optional<Credentials> credentials;
  private final boolean certificatesAuthenticate;

  /**
   * @param credentials the credentials file's content, if any
   * @param certificatesAuthenticate whether a verified client certificate's CN is a principal (mutual TLS)
   */
  public Authenticator(Optional<Credentials> credentials, boolean certificatesAuthenticate) {
    this.credentials = credentials;
    this.certificatesAuthenticate = certificatesAuthenticate;
  }

  /** Authentication off: everyone is anonymous. */
  public static Authenticator off() {
    return new Authenticator(Optional.empty(), false);
  }

  /** Whether a request must authenticate. */
  public boolean required() {
    return credentials.isPresent() || certificatesAuthenticate;
  }

  /**
   * Authenticates a request.
   *
   * @param authorization the {@code Authorization} header or metadata value, or null
   * @param tls the TLS session, or null on a plaintext connection
   */
  public Result authenticate(String authorization, SSLSession tls) {
    if (authorization != null && !authorization.isBlank()) {
      if (credentials.isEmpty()) {
        return required() ? new Result.Invalid("this server accepts client certificates only")
            : new Result.Authenticated(Principal.ANONYMOUS);
      }
      return fromHeader(authorization.trim(), credentials.get());
    }
    if (certificatesAuthenticate && tls != null) {
      Optional<String> cn = commonName(tls);
      if (cn.isPresent()) {
        return new Result.Authenticated(new Principal(cn.get(), Principal.Via.CERTIFICATE));
      }
    }
    return required() ? new Result.Missing() : new Result.Authenticated(Principal.ANONYMOUS);
  }

  private static Result fromHeader(String value, Credentials creds) {
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String rest = space < 0 ? "" : value.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return creds.byToken(rest).<Result>map(Result.Authenticated::new)
          .orElse(new Result.Invalid("unknown bearer token"));
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new Result.Invalid("malformed Basic credentials");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return new Result.Invalid("malformed Basic credentials");
      }
      String name = decoded.substring(0, colon);
      return creds.byPassword(name, decoded.substring(colon + 1)).<Result>map(Result.Authenticated::new)
          .orElse(new Result.Invalid("wrong name or password for '" + name + "'"));
    }
    return new Result.Invalid("unsupported authorization scheme '" + scheme + "' (use Bearer or Basic)");
  }

  /** The CN of the verified peer certificate, if the session has one. */
  public static Optional<String> commonName(SSLSession tls) {
    try {
      Certificate[] chain = tls.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
        return Optional.empty();
      }
      for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return Optional.empty();
    }
  }
}
