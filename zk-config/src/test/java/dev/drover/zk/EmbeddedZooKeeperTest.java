package dev.drover.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {
  @TempDir Path dir;

  @Test
  void leaderTrackerFollowsTheLeaderRecordUnderAChroot() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.startLocal(dir);
        CuratorFramework client = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(2));
        LeaderTracker tracker = new LeaderTracker(client, ZkPaths.MASTER_LEADER)) {
      LinkedBlockingQueue<Optional<LeaderInfo>> seen = new LinkedBlockingQueue<>();
      tracker.addListener(seen::add);
      tracker.start();

      LeaderInfo info = new LeaderInfo("m1", "127.0.0.1", 5051, 5050, "test");
      client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(ZkPaths.MASTER_LEADER, info.toBytes());
      assertEquals(Optional.of(info), seen.poll(10, TimeUnit.SECONDS));
      assertEquals("127.0.0.1:5051", tracker.leader().orElseThrow().grpcTarget());

      client.delete().forPath(ZkPaths.MASTER_LEADER);
      assertEquals(Optional.empty(), seen.poll(10, TimeUnit.SECONDS));
      assertTrue(client.checkExists().forPath("/") != null);
    }
  }

  @Test
  void frameworkPathsRejectNamesThatWouldEscapeTheirNode() {
    assertEquals("/frameworks/apps/framework-id", ZkPaths.frameworkId("apps"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ZkPaths.framework("a/b"));
  }
}
