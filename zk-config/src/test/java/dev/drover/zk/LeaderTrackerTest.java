package dev.drover.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderTrackerTest {
  @TempDir Path dir;

  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aLostWatchDoesNotLeaveTheTrackerOnADeposedLeader() throws Exception {
    LeaderInfo old = new LeaderInfo("master-old", "127.0.0.1", 5051, 5050, "test");
    LeaderInfo next = new LeaderInfo("master-new", "127.0.0.1", 6051, 6050, "test");
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.startLocal(dir);
        CuratorFramework writer = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5));
        CuratorFramework reader = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5))) {
      writer.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(ZkPaths.MASTER_LEADER, old.toBytes());
      try (LeaderTracker tracker = new LeaderTracker(reader, ZkPaths.MASTER_LEADER).start()) {
        CopyOnWriteArrayList<Optional<LeaderInfo>> told = new CopyOnWriteArrayList<>();
        tracker.addListener(told::add);
        await("the first leader is seen", () -> tracker.leader().equals(Optional.of(old)));

        // What a failed re-registration after a session expiry leaves: the client has no watch on the record.
        reader.getZookeeperClient().getZooKeeper().removeAllWatches("/drover" + ZkPaths.MASTER_LEADER,
            Watcher.WatcherType.Any, true);
        writer.delete().forPath(ZkPaths.MASTER_LEADER);
        writer.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.MASTER_LEADER, next.toBytes());

        await("the new leader is followed", () -> tracker.leader().equals(Optional.of(next)));
        assertEquals(Optional.of(next), told.get(told.size() - 1));
      }
    }
  }
}
