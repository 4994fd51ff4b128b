package dev.drover.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's small tickTime is what lets Drover's components ask for 1–2 s sessions (a stock server with
 * tickTime 2000 would stretch them to 4 s), so a dead leader's ephemeral node goes within seconds.
 */
class ShortSessionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void aOneSecondSessionIsGrantedAsAsked() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.startLocal(dir);
        CuratorFramework client = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(1))) {
      client.create().creatingParentsIfNeeded().forPath("/probe");
      assertEquals(1000, client.getZookeeperClient().getZooKeeper().getSessionTimeout());
    }
  }

  @Test
  void anExpiredSessionsEphemeralNodeDisappears() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.startLocal(dir);
        CuratorFramework dying = ZkClients.start(zk.connectString("/drover"), Duration.ofMillis(1500));
        CuratorFramework observer = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(10))) {
      dying.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.MASTER_LEADER);
      ZooKeeper session = dying.getZookeeperClient().getZooKeeper();
      long owner = session.getSessionId();
      assertEquals(1500, session.getSessionTimeout());
      assertEquals(owner, observer.checkExists().forPath(ZkPaths.MASTER_LEADER).getEphemeralOwner());

      // The client goes silent without closing its session (as a frozen or killed process would): only the
      // server's session expiry can remove the node.
      session.getTestable().injectSessionExpiration();

      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (observer.checkExists().forPath(ZkPaths.MASTER_LEADER) != null) {
        assertTrue(System.nanoTime() < deadline, "the expired session's ephemeral node is still there after "
            + DEADLINE.toSeconds() + " s");
        Thread.sleep(50);
      }
      // Curator replaces the expired session with a new one; the old session is gone for good.
      long deadline2 = System.nanoTime() + DEADLINE.toNanos();
      while (!dying.getZookeeperClient().isConnected()
          || dying.getZookeeperClient().getZooKeeper().getSessionId() == owner) {
        assertTrue(System.nanoTime() < deadline2, "the client did not start a new session");
        Thread.sleep(50);
      }
      assertNotEquals(owner, dying.getZookeeperClient().getZooKeeper().getSessionId());
      assertNotNull(dying.checkExists().forPath("/"));
    }
  }
}
