package dev.drover.security.authn;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.drover.security.config.ConfigFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The principals a component accepts, from a credentials file:
 *
 * <pre>
 * principals:
 *   - name: apps
 *     token: "a long random string"        # bearer token (HTTP) / gRPC "authorization: Bearer ..."
 *     passwordHash: "pbkdf2-sha256:..."    # HTTP Basic; make one with `drover certs --hash-password`
 * </pre>
 *
 * Tokens are compared through their SHA-256 digests in constant time; neither tokens nor hashes are ever logged or
 * printed ({@link #toString} names the principals only). Immutable and thread-safe.
 */
public final class Credentials {
  /** One principal's entry in the file. */
  public record Entry(@JsonProperty("name") String name, @JsonProperty("token") String token,
      @JsonProperty("passwordHash") String passwordHash) {
    @Override
    public String toString() {
      return "Entry[" + name + "]";
    }
  }

  /** The file's shape. */
  public record File(@JsonProperty("principals") List<Entry> principals) {}

  private record Known(String name, byte[] tokenDigest, String passwordHash) {}

  private final List<Known> known;

  private Credentials(List<Known> known) {
    this.known = known;
  }

  /**
   * Reads and checks a credentials file.
   *
   * @throws IllegalArgumentException naming the entry and field that is wrong
   */
  public static Credentials load(Path file) {
    File f = ConfigFiles.read(file, File.class);
    try {
      return of(f.principals() == null ? List.of() : f.principals());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Credentials from entries, checked as {@link #load} does. */
  public static Credentials of(List<Entry> entries) {
    List<Known> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String where = "principals[" + i + "]";
      if (e.name() == null || e.name().isBlank()) {
        throw new IllegalArgumentException(where + ".name: must not be blank");
      }
      if (!names.add(e.name())) {
        throw new IllegalArgumentException(where + ".name: '" + e.name() + "' appears twice");
      }
      boolean hasToken = e.token() != null && !e.token().isEmpty();
      boolean hasHash = e.passwordHash() != null && !e.passwordHash().isEmpty();
      if (!hasToken && !hasHash) {
        throw new IllegalArgumentException(where + ": needs a token or a passwordHash");
      }
      if (hasToken && e.token().length() < 16) {
        throw new IllegalArgumentException(where + ".token: must be at least 16 characters");
      }
      if (hasHash) {
        try {
          PasswordHash.validate(e.passwordHash());
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(where + ".passwordHash: " + bad.getMessage());
        }
      }
      out.add(new Known(e.name(), hasToken ? digest(e.token()) : null, hasHash ? e.passwordHash() : null));
    }
    return new Credentials(List.copyOf(out));
  }

  /** The principal whose token this is, if any. Every entry is compared, so the time does not tell which. */
  public Optional<Principal> byToken(String token) {
    byte[] d = digest(token);
    Principal found = null;
    for (Known k : known) {
      if (k.tokenDigest() != null && MessageDigest.isEqual(k.tokenDigest(), d) && found == null) {
        found = new Principal(k.name(), Principal.Via.TOKEN);
      }
    }
    return Optional.ofNullable(found);
  }

  /** The principal named {@code name} if {@code password} matches its hash. */
  public Optional<Principal> byPassword(String name, String password) {
    for (Known k : known) {
      if (k.name().equals(name) && k.passwordHash() != null && PasswordHash.matches(password, k.passwordHash())) {
        return Optional.of(new Principal(name, Principal.Via.PASSWORD));
      }
    }
    return Optional.empty();
  }

  /** Whether a principal of that name is listed (a client certificate's CN need not be). */
  public boolean knows(String name) {
    return known.stream().anyMatch(k -> k.name().equals(name));
  }

  @Override
  public String toString() {
    return "Credentials" + known.stream().map(Known::name).toList();
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
