package dev.drover.master.election;

import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkPaths;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contends for mastership with a Curator {@link LeaderLatch} on {@link ZkPaths#MASTER_ELECTION}. On winning it
 * writes this master's {@link LeaderInfo} as an ephemeral node at {@link ZkPaths#MASTER_LEADER}, then tells the
 * listener; on losing (or on ZooKeeper SUSPENDED/LOST) it tells the listener at once. Also follows whoever leads,
 * for the hints non-leaders give. Callbacks run on one private thread, in order; they must not block.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** What the master does when leadership changes. */
  public interface Listener {
    /**
     * This master won the election. Its leader record is not written yet: the master calls {@link #publish} once it
     * serves, so agents and frameworks that follow the record are never turned away while it loads its state.
     */
    void elected();

    /** This master must stop acting as leader now. */
    void deposed(String why);
  }

  private final CuratorFramework client;
  private final LeaderInfo self;
  private final Listener listener;
  private volatile LeaderLatch latch;
  private volatile String fence;  // this term's election node, while leading
  private final LeaderTracker tracker;
  private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "drover-master-election");
    t.setDaemon(true);
    return t;
  });
  private final ConnectionStateListener connectionListener = this::connectionChanged;

  public LeaderElection(CuratorFramework client, LeaderInfo self, Listener listener) {
    this.client = client;
    this.self = self;
    this.listener = listener;
    this.latch = newLatch();
    this.tracker = new LeaderTracker(client, ZkPaths.MASTER_LEADER);
  }

  public LeaderElection start() {
    tracker.start();
    client.getConnectionStateListenable().addListener(connectionListener);
    join(latch);
    return this;
  }

  private LeaderLatch newLatch() {
    return new LeaderLatch(client, ZkPaths.MASTER_ELECTION, self.id());
  }

  private void join(LeaderLatch l) {
    l.addListener(new LeaderLatchListener() {
      @Override
      public void isLeader() {
        if (l == latch) {
          becameLeader();
        }
      }

      @Override
      public void notLeader() {
        if (l == latch) {
          deposed("lost the election");
        }
      }
    }, events);
    try {
      l.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot join the master election", e);
    }
    LOG.info("Master {} joined the election at {}", self.id(), ZkPaths.MASTER_ELECTION);
  }

  /**
   * This term's fencing token: the path of the election node this master won with, while it leads (empty
   * otherwise). Registry writes check that it still exists, so a master whose node is gone cannot write.
   */
  public Optional<String> fence() {
    return Optional.ofNullable(fence);
  }

  /**
   * Gives up this seat and contends again with a fresh election node, when {@code goneFence} (the node a refused
   * registry write was checked against) is still this election's current fence: the node is gone although the latch
   * still believes it leads. Otherwise (deposed meanwhile, or already re-elected with another node) nothing happens.
   * Runs on the election's thread.
   */
  public void rejoin(String goneFence, String why) {
    events.execute(() -> {
      if (goneFence == null || !goneFence.equals(fence)) {
        return;
      }
      LOG.warn("Master {} rejoins the election ({})", self.id(), why);
      fence = null;
      LeaderLatch old = latch;
      latch = newLatch();
      try {
        old.close(LeaderLatch.CloseMode.SILENT);
      } catch (Exception e) {
        LOG.debug("Closing the old leader latch: {}", e.toString());
      }
      deleteOwnRecord();
      join(latch);
    });
  }

  /** Whether the latch holds leadership and the ZooKeeper connection is up. */
  public boolean hasLeadership() {
    return latch.hasLeadership() && client.getZookeeperClient().isConnected();
  }

  /** The leader as ZooKeeper last said, if any (may be this master). */
  public Optional<LeaderInfo> leader() {
    return tracker.leader();
  }

  private void becameLeader() {
    LOG.info("Master {} won the election; loading its state before it publishes itself at {}", self.id(),
        ZkPaths.MASTER_LEADER);
    fence = latch.getOurPath();
    listener.elected();
  }

  /**
   * Writes this master's leader record, replacing a previous leader's whose session has not expired yet. Call when
   * this master serves. Returns whether the record is written; does nothing once leadership is lost.
   */
  public boolean publish() {
    if (!hasLeadership()) {
      return false;
    }
    try {
      byte[] data = self.toBytes();
      try {
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.MASTER_LEADER, data);
      } catch (KeeperException.NodeExistsException e) {
        client.delete().forPath(ZkPaths.MASTER_LEADER);
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.MASTER_LEADER, data);
      }
      LOG.info("Master {} serves; published {} at {}", self.id(), self.grpcTarget(), ZkPaths.MASTER_LEADER);
      return true;
    } catch (Exception e) {
      LOG.error("Master {} leads but cannot publish its leader record; followers will not find it", self.id(), e);
      return false;
    }
  }

  private void deposed(String why) {
    fence = null;
    listener.deposed(why);
    deleteOwnRecord();
  }

  private void connectionChanged(CuratorFramework c, ConnectionState state) {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      LOG.warn("Master {}: ZooKeeper connection {}", self.id(), state);
      fence = null;
      listener.deposed("ZooKeeper connection " + state);
    }
  }

  private void deleteOwnRecord() {
    try {
      byte[] data = client.getData().forPath(ZkPaths.MASTER_LEADER);
      if (LeaderInfo.fromBytes(data).id().equals(self.id())) {
        client.delete().forPath(ZkPaths.MASTER_LEADER);
      }
    } catch (Exception e) {
      LOG.debug("Could not remove this master's leader record: {}", e.toString());
    }
  }

  /** Leaves the election: removes the leader record if it is ours, then closes the latch. The client stays open. */
  @Override
  public void close() {
    client.getConnectionStateListenable().removeListener(connectionListener);
    try {
      events.submit(this::deleteOwnRecord).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("Removing the leader record on close: {}", e.toString());
    }
    try {
      latch.close();
    } catch (Exception e) {
      LOG.debug("Closing the leader latch: {}", e.toString());
    }
    events.shutdown();
    try {
      events.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tracker.close();
    LOG.info("Master {} left the election", self.id());
  }
}
