package dev.drover.sdk.ha;

import dev.drover.sdk.state.StateStoreException;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkPaths;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one leader among a framework's instances: a Curator {@link LeaderLatch} on
 * {@code ZkPaths.frameworkElection(name)}. The leader publishes its {@link LeaderInfo} as an ephemeral node at
 * {@code ZkPaths.frameworkLeader(name)} (so clients and the web UI find it) before {@link Listener#elected} runs.
 *
 * <p><b>Leadership gates the work.</b> {@link Listener#elected} is the signal to load state and start the driver;
 * {@link Listener#revoked} (also on a SUSPENDED or LOST ZooKeeper connection, per Curator's default error policy) is
 * the signal to stop acting at once, typically by stopping the driver with failover and exiting or re-contending.
 * Callbacks run one at a time on the given executor, in the order the latch reports them.
 *
 * <p>Thread-safe. Close the election before the Curator client (the caller owns the client).
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** What the framework does when it gains or loses leadership. */
  public interface Listener {
    /** This instance leads now; its record is published. */
    void elected();

    /** This instance no longer leads (or lost its ZooKeeper connection): stop acting now. */
    void revoked();
  }

  private final CuratorFramework client;
  private final String leaderPath;
  private final LeaderInfo self;
  private final LeaderLatch latch;

  private LeaderElection(CuratorFramework client, String name, LeaderInfo self) {
    this.client = client;
    this.leaderPath = ZkPaths.frameworkLeader(name);
    this.self = self;
    this.latch = new LeaderLatch(client, ZkPaths.frameworkElection(name), self.id());
  }

  /**
   * Joins the election and returns at once.
   *
   * @param client a started Curator client
   * @param frameworkName the framework's name
   * @param self what to publish when this instance leads ({@code id} must be unique among the instances)
   * @param listener told about leadership changes
   * @param executor where the listener runs (e.g. a single-thread executor, or {@code Runnable::run})
   */
  public static LeaderElection start(CuratorFramework client, String frameworkName, LeaderInfo self,
      Listener listener, Executor executor) {
    LeaderElection e = new LeaderElection(client, frameworkName, self);
    e.latch.addListener(new LeaderLatchListener() {
      @Override
      public void isLeader() {
        try {
          e.publish();
        } catch (RuntimeException ex) {
          LOG.warn("could not publish leader record of {}; giving up leadership", self.id(), ex);
          return;
        }
        listener.elected();
      }

      @Override
      public void notLeader() {
        // Stop acting at once, even when ZooKeeper is unreachable. The record is not removed here: by now another
        // instance may have published its own at the same path, and a read-then-delete would race with it. A stale
        // record is replaced by the next leader's publish, or goes with this session.
        listener.revoked();
      }
    }, executor);
    try {
      e.latch.start();
    } catch (Exception ex) {
      throw new StateStoreException("cannot join the election of " + frameworkName, ex);
    }
    return e;
  }

  /** Whether this instance leads right now. */
  public boolean isLeader() {
    return latch.hasLeadership();
  }

  /** The published record of the current leader (possibly this instance), or empty when there is none. */
  public Optional<LeaderInfo> leader() {
    try {
      return Optional.of(LeaderInfo.fromBytes(client.getData().forPath(leaderPath)));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw new StateStoreException("cannot read " + leaderPath, e);
    }
  }

  private void publish() {
    try {
      try {
        client.delete().forPath(leaderPath);
      } catch (KeeperException.NoNodeException ignored) {
        // no stale record
      }
      client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(leaderPath, self.toBytes());
    } catch (Exception e) {
      throw new StateStoreException("cannot publish " + leaderPath, e);
    }
  }

  /** Removes this instance's record; called only while it still leads, so no other leader can have published. */
  private void unpublish() {
    if (!client.getZookeeperClient().isConnected()) {
      return;  // the record is ephemeral: it goes with the session
    }
    try {
      byte[] data = client.getData().forPath(leaderPath);
      if (self.id().equals(LeaderInfo.fromBytes(data).id())) {
        client.delete().forPath(leaderPath);
      }
    } catch (Exception e) {
      LOG.debug("leader record of {} not removed (the session may be gone): {}", self.id(), e.toString());
    }
  }

  /** Leaves the election (leadership passes to another instance) and removes this instance's record. */
  @Override
  public void close() {
    try {
      if (latch.getState() == LeaderLatch.State.STARTED) {
        if (latch.hasLeadership()) {
          unpublish();
        }
        latch.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
      }
    } catch (IOException e) {
      LOG.debug("closing the latch of {}: {}", self.id(), e.toString());
    }
  }
}
