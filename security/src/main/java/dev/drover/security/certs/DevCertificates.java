package dev.drover.security.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a development PKI with BouncyCastle, all PEM: {@code ca.pem} (+ {@code ca-key.pem}), {@code server.pem} /
 * {@code server-key.pem} for every listed host (plus {@code localhost} and {@code 127.0.0.1}), and for each client
 * name {@code <name>.pem} / {@code <name>-key.pem} with that CN (its principal under mutual TLS) and a random
 * bearer token in {@code <name>.token}, all listed in {@code credentials.yaml}. Keys are RSA 2048 in PKCS#8, files
 * holding secrets are mode 600. For development and tests; production should use its own CA. Not thread-safe.
 */
public final class DevCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What was written. */
  public record Result(Path dir, Path ca, Path serverCert, Path serverKey, List<String> clients) {}

  private final Clock clock;
  private final Duration validity;

  public DevCertificates(Clock clock, Duration validity) {
    this.clock = clock;
    this.validity = validity;
  }

  /** Valid from now for a year. */
  public static DevCertificates forOneYear() {
    return new DevCertificates(Clock.systemUTC(), Duration.ofDays(365));
  }

  /** Writes the files into {@code out} (created if needed); overwrites earlier ones. */
  public Result generate(Path out, List<String> hosts, List<String> clients) {
    try {
      Files.createDirectories(out);
      KeyPair caKeys = rsa();
      X500Name caName = new X500Name("CN=Drover development CA");
      X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPrivate(), true, List.of(), true);
      write(out.resolve("ca.pem"), pem(ca), false);
      write(out.resolve("ca-key.pem"), pem(caKeys.getPrivate()), true);
      Set<String> names = new LinkedHashSet<>(hosts);
      names.add("localhost");
      names.add("127.0.0.1");
      KeyPair serverKeys = rsa();
      X509Certificate server = sign(new X500Name("CN=drover"), serverKeys, caName, caKeys.getPrivate(), false,
          List.copyOf(names), false);
      write(out.resolve("server.pem"), pem(server), false);
      write(out.resolve("server-key.pem"), pem(serverKeys.getPrivate()), true);
      StringBuilder creds = new StringBuilder("principals:\n");
      for (String client : clients) {
        KeyPair k = rsa();
        X509Certificate c = sign(new X500Name("CN=" + client), k, caName, caKeys.getPrivate(), false, List.of(),
            false);
        write(out.resolve(client + ".pem"), pem(c), false);
        write(out.resolve(client + "-key.pem"), pem(k.getPrivate()), true);
        String token = token();
        write(out.resolve(client + ".token"), token + "\n", true);
        creds.append("  - name: ").append(client).append("\n    token: \"").append(token).append("\"\n");
      }
      write(out.resolve("credentials.yaml"), creds.toString(), true);
      return new Result(out, out.resolve("ca.pem"), out.resolve("server.pem"), out.resolve("server-key.pem"),
          List.copyOf(clients));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + out + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make certificates: " + e.getMessage(), e);
    }
  }

  /** A random 32-byte bearer token, URL-safe Base64. */
  public static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, boolean isCa,
      List<String> sans, boolean selfSigned) throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = clock.instant();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }
    if (!sans.isEmpty()) {
      List<GeneralName> names = new ArrayList<>();
      for (String s : sans) {
        names.add(isIp(s) ? new GeneralName(GeneralName.iPAddress, s) : new GeneralName(GeneralName.dNSName, s));
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  private static boolean isIp(String s) {
    if (!s.matches("[0-9.]+") && !s.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, RANDOM);
    return g.generateKeyPair();
  }

  private static String pem(X509Certificate cert) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(cert);
    }
    return w.toString();
  }

  /** PKCS#8, which both Netty (gRPC) and Vert.x read. */
  private static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void write(Path file, String text, boolean secret) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    if (secret) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: leave the default
      }
    }
  }
}
