package dev.drover.sdk.state;

import dev.drover.zk.ZkPaths;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A {@link StateStore} in ZooKeeper: one persistent node per key under {@code ZkPaths.frameworkState(name)}, its name
 * the URL-encoded key, its data the value and its ZooKeeper version the value's version. Thread-safe; uses the given
 * client, which the caller owns (starts and closes).
 */
public final class ZkStateStore implements StateStore {
  /** Writes per ZooKeeper transaction, well inside its 1 MB request limit for values of a few hundred bytes. */
  static final int MULTI_OPS = 200;
  /** Value bytes per transaction, half of ZooKeeper's default request limit (jute.maxbuffer, 1 MB). */
  static final long MULTI_BYTES = 512 * 1024;
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

  /**
   * Up to {@link #MULTI_OPS} writes (and {@link #MULTI_BYTES} of values) per ZooKeeper transaction (one round trip). A transaction fails as a whole when
   * one of its writes does not match (or a create needs the parent first): its writes are then retried one by one,
   * so each still succeeds or fails on its own.
   */
  @Override
  public List<Optional<Long>> compareAndSetAll(List<Write> writes) {
    List<Optional<Long>> out = new ArrayList<>(writes.size());
    int from = 0;
    while (from < writes.size()) {
      int to = from;
      long bytes = 0;
      while (to < writes.size() && to - from < MULTI_OPS && (to == from || bytes + writes.get(to).value().length
          < MULTI_BYTES)) {
        bytes += writes.get(to).value().length;
        to++;
      }
      List<Write> chunk = writes.subList(from, to);
      from = to;
      List<CuratorOp> ops = new ArrayList<>(chunk.size());
      try {
        for (Write w : chunk) {
          ops.add(w.expectedVersion() == ABSENT
              ? client.transactionOp().create().forPath(path(w.key()), w.value())
              : client.transactionOp().setData().withVersion((int) w.expectedVersion()).forPath(path(w.key()),
                  w.value()));
        }
        List<CuratorTransactionResult> results = client.transaction().forOperations(ops);
        for (CuratorTransactionResult r : results) {
          out.add(Optional.of(r.getType() == OperationType.CREATE ? 0L : (long) r.getResultStat().getVersion()));
        }
      } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
          | KeeperException.NoNodeException e) {
        chunk.forEach(w -> out.add(compareAndSet(w.key(), w.expectedVersion(), w.value())));
      } catch (Exception e) {
        throw failed("compare-and-set of " + chunk.size() + " keys", e);
      }
    }
    return out;
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
