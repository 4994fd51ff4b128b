package dev.drover.sdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderElectionLossTest {
  @Test
  void losingZooKeeperRevokesLeadershipAtOnce(@TempDir Path dir) throws Exception {
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.startLocal(dir);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (CuratorFramework c = ZkClients.start(zk.connectString("/loss"), Duration.ofSeconds(2))) {
      LeaderElection e = LeaderElection.start(c, "fw", new LeaderInfo("i1", "h", 0, 0, "v"),
          FrameworkHaTest.listener("i1", events), Runnable::run);
      assertEquals("i1 elected", events.poll(5, TimeUnit.SECONDS));
      long start = System.nanoTime();
      zk.close();
      assertEquals("i1 revoked", events.poll(5, TimeUnit.SECONDS));
      assertFalse(e.isLeader());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertFalse(ms > 3000, "revoked after " + ms + " ms");
      e.close();
    }
  }
}
