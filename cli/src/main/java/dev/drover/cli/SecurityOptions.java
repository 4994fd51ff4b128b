package dev.drover.cli;

import dev.drover.security.Security;
import dev.drover.security.config.SecurityConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A component's security flags (docs/security.md): one {@code --security FILE}, or the separate flags, which
 * override the file's settings. None at all: the component runs insecure and warns loudly.
 */
final class SecurityOptions {
  @Option(names = "--security", description = "Security settings, YAML or JSON: tls, credentials, acls, client, "
      + "limits (docs/security.md)")
  Path file;

  @Option(names = "--tls-cert", description = "PEM certificate chain this component serves with")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PKCS#8 PEM key of --tls-cert")
  Path tlsKey;

  @Option(names = "--tls-ca", description = "PEM CA to trust (peers' servers; clients when required)")
  Path tlsCa;

  @Option(names = "--tls-client-auth", description = "none|optional|require: client certificates")
  String tlsClientAuth;

  @Option(names = "--credentials", description = "Principals this component accepts (tokens, password hashes)")
  Path credentials;

  @Option(names = "--acls", description = "ACL file: which principals may do what")
  Path acls;

  @Option(names = "--principal", description = "The principal this component authenticates as")
  String principal;

  @Option(names = "--secret-file", description = "A file holding this component's bearer token")
  Path secretFile;

  /** The settings from the file, with any flag given overriding it. */
  SecurityConfig config() {
    SecurityConfig c = file == null ? SecurityConfig.none() : SecurityConfig.load(file);
    if (tlsCert != null || tlsKey != null || tlsCa != null || tlsClientAuth != null) {
      SecurityConfig.Tls t = c.tls() == null ? new SecurityConfig.Tls(null, null, null, null) : c.tls();
      c = c.withTls(new SecurityConfig.Tls(pick(tlsCert, t.cert()), pick(tlsKey, t.key()), pick(tlsCa, t.ca()),
          tlsClientAuth != null ? tlsClientAuth : t.clientAuth()));
    }
    if (credentials != null) {
      c = c.withCredentials(credentials.toString());
    }
    if (acls != null) {
      c = c.withAcls(acls.toString());
    }
    if (principal != null || secretFile != null) {
      SecurityConfig.Client k = c.client() == null ? new SecurityConfig.Client(null, null, null, null) : c.client();
      c = c.withClient(new SecurityConfig.Client(principal != null ? principal : k.principal(),
          pick(secretFile, k.secretFile()), k.cert(), k.key()));
    }
    return c;
  }

  Security security() {
    return Security.of(config());
  }

  private static String pick(Path flag, String fromFile) {
    return flag != null ? flag.toString() : fromFile;
  }
}
