package dev.drover.sdk.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored value and its version. The version starts at 0 when a key is created and grows by one per write; pass it
 * to {@link StateStore#compareAndSet}. Immutable (the value is copied in and out).
 *
 * @param key the key
 * @param value the bytes stored
 * @param version the version of this value
 */
public record Versioned(String key, byte[] value, long version) {
  public Versioned {
    Objects.requireNonNull(key, "key");
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Versioned v && key.equals(v.key) && version == v.version && Arrays.equals(value, v.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "Versioned[" + key + " v" + version + ", " + value.length + " bytes]";
  }
}
