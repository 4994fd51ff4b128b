package dev.drover.sdk.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link StateStore} in memory, with the same semantics as {@link ZkStateStore}. For tests. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
  private final TreeMap<String, Versioned> data = new TreeMap<>();

  @Override
  public synchronized Optional<Versioned> get(String key) {
    return Optional.ofNullable(data.get(check(key)));
  }

  @Override
  public synchronized long put(String key, byte[] value) {
    Versioned old = data.get(check(key));
    long version = old == null ? 0 : old.version() + 1;
    data.put(key, new Versioned(key, value, version));
    return version;
  }

  @Override
  public synchronized Optional<Long> compareAndSet(String key, long expectedVersion, byte[] value) {
    Versioned old = data.get(check(key));
    long current = old == null ? ABSENT : old.version();
    if (current != expectedVersion) {
      return Optional.empty();
    }
    return Optional.of(put(key, value));
  }

  @Override
  public synchronized boolean delete(String key) {
    return data.remove(check(key)) != null;
  }

  @Override
  public synchronized List<String> list(String prefix) {
    return data.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  static String check(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    return key;
  }
}
