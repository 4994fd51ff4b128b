package dev.drover.security.authn;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 password hashes from the JDK, in the text form {@code pbkdf2-sha256:<iterations>:<salt b64>:<hash b64>}
 * stored in credentials files. Stateless and thread-safe.
 */
public final class PasswordHash {
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int DEFAULT_ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** Hashes {@code password} with a fresh random salt. */
  public static String hash(String password) {
    return hash(password, DEFAULT_ITERATIONS);
  }

  /** Hashes with a given iteration count (tests use few, to stay fast). */
  public static String hash(String password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /**
   * Whether {@code password} matches {@code stored}, compared in constant time.
   *
   * @throws IllegalArgumentException when {@code stored} is not a hash in the form above
   */
  public static boolean matches(String password, String stored) {
    String[] parts = stored.split(":");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException("not a " + PREFIX + ":<iterations>:<salt>:<hash> password hash");
    }
    int iterations;
    byte[] salt;
    byte[] expected;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed " + PREFIX + " password hash: " + e.getMessage());
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("password hash iterations must be positive");
    }
    return MessageDigest.isEqual(expected, derive(password, salt, iterations));
  }

  /** Checks a stored hash's form without a password. */
  public static void validate(String stored) {
    matches("", stored.replaceFirst("^(" + PREFIX + "):\\d+:", "$1:1:"));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }
}
