package dev.drover.sdk.state;

import dev.drover.zk.ZkPaths;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A {@link StateStore} in ZooKeeper: one persistent node per key under {@code ZkPaths.frameworkState(name)}, its name
 * the URL-encoded key, its data the value and its ZooKeeper version the value's version. Thread-safe; uses the given
 * client, which the caller owns (starts and closes).
 */
public final class ZkStateStore implements StateStore {
  private final CuratorFramework client;
  private final String root;

  /** A store for framework {@code frameworkName} through {@code client} (already started). */
  public ZkStateStore(CuratorFramework client, String frameworkName) {
    this.client = client;
    this.root = ZkPaths.frameworkState(frameworkName);
  }

  @Override
  public Optional<Versioned> get(String key) {
    try {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(path(key));
      return Optional.of(new Versioned(key, data, stat.getVersion()));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw failed("get " + key, e);
    }
  }

  @Override
  public long put(String key, byte[] value) {
    for (int attempt = 0; ; attempt++) {
      Optional<Versioned> cur = get(key);
      Optional<Long> v = compareAndSet(key, cur.map(Versioned::version).orElse(ABSENT), value);
      if (v.isPresent()) {
        return v.get();
      }
      if (attempt > 100) {
        throw new StateStoreException("put " + key + ": too much contention", null);
      }
    }
  }

  @Override
  public Optional<Long> compareAndSet(String key, long expectedVersion, byte[] value) {
    try {
      if (expectedVersion == ABSENT) {
        client.create().creatingParentContainersIfNeeded().forPath(path(key), value);
        return Optional.of(0L);
      }
      Stat stat = client.setData().withVersion((int) expectedVersion).forPath(path(key), value);
      return Optional.of((long) stat.getVersion());
    } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
        | KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw failed("compare-and-set " + key, e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      client.delete().forPath(path(key));
      return true;
    } catch (KeeperException.NoNodeException e) {
      return false;
    } catch (Exception e) {
      throw failed("delete " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    try {
      return client.getChildren().forPath(root).stream()
          .map(n -> URLDecoder.decode(n, StandardCharsets.UTF_8))
          .filter(k -> k.startsWith(prefix)).sorted().toList();
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw failed("list " + prefix, e);
    }
  }

  private String path(String key) {
    return root + "/" + URLEncoder.encode(InMemoryStateStore.check(key), StandardCharsets.UTF_8).replace(".", "%2E");
  }

  private static StateStoreException failed(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new StateStoreException(what + " failed: " + e, e);
  }
}
