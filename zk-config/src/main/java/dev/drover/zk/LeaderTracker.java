package dev.drover.zk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leader record at one path (e.g. {@link ZkPaths#MASTER_LEADER}). Listeners are called with the new
 * leader, or empty when there is none; they must not block. Thread-safe.
 *
 * <p>A cache with a persistent watch tells changes at once; besides, the record is read again whenever the client
 * (re)connects and every {@link #VERIFY_EVERY}, and a newer record (higher modification zxid) than the one held is
 * taken. Curator re-adds the watch after a session expiry, but if that one background call fails the cache stays
 * silent for good: the chaos run saw an agent dial a deposed master for minutes while ZooKeeper named the new one.
 */
public final class LeaderTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderTracker.class);
  /** How often the record is read again, whatever the cache says. */
  public static final Duration VERIFY_EVERY = Duration.ofSeconds(2);
  private static final ScheduledExecutorService VERIFIER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "drover-leader-verify");
    t.setDaemon(true);
    return t;
  });

  private final CuratorFramework client;
  private final CuratorCache cache;
  private final String path;
  private final CopyOnWriteArrayList<Consumer<Optional<LeaderInfo>>> listeners = new CopyOnWriteArrayList<>();
  private final ConnectionStateListener onConnect = (c, state) -> {
    if (state.isConnected()) {
      verify();
    }
  };
  private LeaderInfo current;
  private long currentZxid = -1;
  private ScheduledFuture<?> verifying;
  private volatile boolean closed;

  public LeaderTracker(CuratorFramework client, String path) {
    this.client = client;
    this.path = path;
    this.cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener((type, oldData, data) -> refresh());
  }

  public LeaderTracker start() {
    cache.start();
    client.getConnectionStateListenable().addListener(onConnect);
    verifying = VERIFIER.scheduleWithFixedDelay(this::verify, VERIFY_EVERY.toMillis(), VERIFY_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** The current leader, if one is known. */
  public synchronized Optional<LeaderInfo> leader() {
    return Optional.ofNullable(current);
  }

  /** Adds a listener, called for every change from now on (not for the current value). */
  public void addListener(Consumer<Optional<LeaderInfo>> listener) {
    listeners.add(listener);
  }

  private void refresh() {
    Optional<ChildData> data = cache.get(path);
    if (data.isPresent() && data.get().getData() != null && data.get().getData().length > 0) {
      Stat stat = data.get().getStat();
      update(parse(data.get().getData()), stat == null ? -1 : stat.getMzxid(), true);
    } else {
      update(null, -1, true);
    }
  }

  /** Reads the record past the cache; a newer one than held is taken. */
  private void verify() {
    try {
      if (!closed && client.getZookeeperClient().isConnected()) {
        client.getData().inBackground((c, event) -> verified(event)).forPath(path);
      }
    } catch (Exception e) {
      LOG.debug("Cannot read {} to verify the leader: {}", path, e.toString());
    }
  }

  private void verified(CuratorEvent event) {
    if (event.getResultCode() == KeeperException.Code.OK.intValue() && event.getData() != null
        && event.getData().length > 0 && event.getStat() != null) {
      update(parse(event.getData()), event.getStat().getMzxid(), false);
    }
  }

  private LeaderInfo parse(byte[] bytes) {
    try {
      return LeaderInfo.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring unreadable leader record at {}: {}", path, e.getMessage());
      return null;
    }
  }

  /**
   * Applies a record seen by the cache or by a read. A record older than the one held (lower zxid) is dropped, so a
   * slow read never undoes what the cache told since; only the cache tells that the record is gone.
   */
  private void update(LeaderInfo next, long zxid, boolean fromCache) {
    LeaderInfo previous;
    synchronized (this) {
      boolean older = next != null && zxid >= 0 && zxid < currentZxid;
      if (older || !fromCache && (next == null || zxid == currentZxid)) {
        return;
      }
      if (!fromCache && current != null && !current.equals(next)) {
        LOG.warn("Read a newer record at {} than the cache holds; now following {} (zxid {})", path, next.id(), zxid);
      }
      previous = current;
      current = next;
      currentZxid = next == null ? currentZxid : zxid;
      if (Objects.equals(previous, next)) {
        return;
      }
    }
    for (Consumer<Optional<LeaderInfo>> l : listeners) {
      l.accept(Optional.ofNullable(next));
    }
  }

  @Override
  public void close() {
    closed = true;
    if (verifying != null) {
      verifying.cancel(false);
    }
    client.getConnectionStateListenable().removeListener(onConnect);
    cache.close();
  }
}
