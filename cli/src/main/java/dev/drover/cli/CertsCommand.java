package dev.drover.cli;

import dev.drover.security.authn.PasswordHash;
import dev.drover.security.certs.DevCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "certs", mixinStandardHelpOptions = true,
    description = "Make a development CA, a server certificate for the given hosts, and a certificate and bearer "
        + "token per client principal (PEM, plus credentials.yaml). For development and tests.")
final class CertsCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Directory to write into (default: ${DEFAULT-VALUE})", defaultValue = "certs")
  Path out;

  @Option(names = "--hosts", split = ",", description = "Host names and IPs the servers are reached at "
      + "(localhost and 127.0.0.1 are always added)")
  List<String> hosts = List.of();

  @Option(names = "--principals", split = ",", description = "Client principals (default: ${DEFAULT-VALUE})",
      defaultValue = "agent,apps,jobs,admin")
  List<String> principals;

  @Option(names = "--hash-password", description = "Print a PBKDF2 hash of this password for a credentials file "
      + "(passwordHash) and exit")
  String hashPassword;

  @Override
  public Integer call() {
    if (hashPassword != null) {
      System.out.println(PasswordHash.hash(hashPassword));
      return 0;
    }
    DevCertificates.Result r = DevCertificates.forOneYear().generate(out, hosts, principals);
    System.out.println("Wrote ca.pem, server.pem, server-key.pem, credentials.yaml and, for " + r.clients()
        + ", <name>.pem, <name>-key.pem, <name>.token to " + r.dir().toAbsolutePath());
    return 0;
  }
}
