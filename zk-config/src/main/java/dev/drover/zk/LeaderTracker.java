package dev.drover.zk;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leader record at one path (e.g. {@link ZkPaths#MASTER_LEADER}). Listeners are called from Curator's
 * event thread with the new leader, or empty when there is none; they must not block. Thread-safe.
 */
public final class LeaderTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderTracker.class);

  private final CuratorCache cache;
  private final String path;
  private final AtomicReference<LeaderInfo> current = new AtomicReference<>();
  private final CopyOnWriteArrayList<Consumer<Optional<LeaderInfo>>> listeners = new CopyOnWriteArrayList<>();

  public LeaderTracker(CuratorFramework client, String path) {
    this.path = path;
    this.cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener((type, oldData, data) -> refresh());
  }

  public LeaderTracker start() {
    cache.start();
    return this;
  }

  /** The current leader, if one is known. */
  public Optional<LeaderInfo> leader() {
    return Optional.ofNullable(current.get());
  }

  /** Adds a listener, called for every change from now on (not for the current value). */
  public void addListener(Consumer<Optional<LeaderInfo>> listener) {
    listeners.add(listener);
  }

  private void refresh() {
    Optional<ChildData> data = cache.get(path);
    LeaderInfo next = null;
    if (data.isPresent() && data.get().getData() != null && data.get().getData().length > 0) {
      try {
        next = LeaderInfo.fromBytes(data.get().getData());
      } catch (IllegalArgumentException e) {
        LOG.warn("Ignoring unreadable leader record at {}: {}", path, e.getMessage());
      }
    }
    LeaderInfo previous = current.getAndSet(next);
    if (!java.util.Objects.equals(previous, next)) {
      for (Consumer<Optional<LeaderInfo>> l : listeners) {
        l.accept(Optional.ofNullable(next));
      }
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
