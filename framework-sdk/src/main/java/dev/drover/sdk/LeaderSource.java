package dev.drover.sdk;

import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;

/**
 * Where the leading master is: followed in ZooKeeper at {@link ZkPaths#MASTER_LEADER}, or one fixed address.
 * Thread-safe; change listeners run on Curator's event thread.
 */
final class LeaderSource implements AutoCloseable {
  private final String fixedTarget;
  private final String zkConnect;
  private final Duration sessionTimeout;
  private volatile CuratorFramework client;
  private volatile LeaderTracker tracker;

  private LeaderSource(String fixedTarget, String zkConnect, Duration sessionTimeout) {
    this.fixedTarget = fixedTarget;
    this.zkConnect = zkConnect;
    this.sessionTimeout = sessionTimeout;
  }

  static LeaderSource fixed(String target) {
    return new LeaderSource(target, null, null);
  }

  static LeaderSource zooKeeper(String connectString, Duration sessionTimeout) {
    return new LeaderSource(null, connectString, sessionTimeout);
  }

  /** Starts following; {@code onChange} gets the new leader's {@code host:port}, or empty when there is none. */
  synchronized void start(Consumer<Optional<String>> onChange) {
    if (zkConnect != null && tracker == null) {
      client = ZkClients.start(zkConnect, sessionTimeout);
      LeaderTracker t = new LeaderTracker(client, ZkPaths.MASTER_LEADER);
      t.addListener(leader -> onChange.accept(leader.map(LeaderInfo::grpcTarget)));
      tracker = t.start();
    }
  }

  /**
   * The address to connect to next: the leader known in ZooKeeper, else the hint a non-leading master gave, else the
   * fixed address. With a fixed address a hint wins, so the driver follows a master that redirects it.
   */
  Optional<String> target(Optional<String> hint) {
    LeaderTracker t = tracker;
    if (zkConnect != null) {
      Optional<String> leader = t == null ? Optional.empty() : t.leader().map(LeaderInfo::grpcTarget);
      return leader.isPresent() ? leader : hint;
    }
    return hint.isPresent() ? hint : Optional.of(fixedTarget);
  }

  @Override
  public synchronized void close() {
    if (tracker != null) {
      tracker.close();
      client.close();
    }
  }
}
