package dev.drover.sdk.state;

import java.util.List;
import java.util.Optional;

/**
 * A framework's own durable key-value state: write here first, then act (persist, then apply). Keys are non-empty
 * strings of any characters; values are bytes (up to about 1 MB in ZooKeeper). Versions allow optimistic concurrency
 * between a framework's instances.
 *
 * <p>Implementations: {@link ZkStateStore} (ZooKeeper, under {@code ZkPaths.frameworkState(name)}) and
 * {@link InMemoryStateStore} (its twin for tests, with identical semantics). All methods are thread-safe and
 * blocking; they throw {@link StateStoreException} when the store cannot be reached or answers with an error, in
 * which case a write may or may not have taken effect.
 */
public interface StateStore {

  /** The value of {@code key}, or empty when there is none. */
  Optional<Versioned> get(String key);

  /** Writes {@code value} whatever the current version; returns the new version. */
  long put(String key, byte[] value);

  /**
   * Writes {@code value} only if the key's current version is {@code expectedVersion}, or, when
   * {@code expectedVersion} is {@link #ABSENT}, only if the key does not exist.
   *
   * @return the new version, or empty when the version did not match (nothing was written)
   */
  Optional<Long> compareAndSet(String key, long expectedVersion, byte[] value);

  /**
   * One write of {@link #compareAndSetAll}: {@code value} for {@code key} if its version is {@code expectedVersion}
   * ({@link #ABSENT}: the key must not exist).
   */
  record Write(String key, long expectedVersion, byte[] value) {}

  /**
   * Several {@link #compareAndSet}s in as few round trips as the store allows (ZooKeeper: multi-operation
   * transactions). Each write succeeds or fails on its own, as with {@link #compareAndSet}; an implementation may
   * apply them together, so on a {@link StateStoreException} any of them may or may not have taken effect.
   *
   * @return per write, in order, the new version, or empty when its version did not match (it was not written)
   */
  default List<Optional<Long>> compareAndSetAll(List<Write> writes) {
    return writes.stream().map(w -> compareAndSet(w.key(), w.expectedVersion(), w.value())).toList();
  }

  /** Deletes {@code key}; returns whether it existed. */
  boolean delete(String key);

  /** The keys starting with {@code prefix} (all keys for {@code ""}), sorted. */
  List<String> list(String prefix);

  /** The expected version meaning "the key must not exist yet". */
  long ABSENT = -1;
}
