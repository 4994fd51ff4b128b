package dev.drover.master.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the UI finds in a real (embedded) ZooKeeper: framework leaders and the masters in the election. */
class ZkDirectoryTest {
  @TempDir
  Path tmp;

  private EmbeddedZooKeeper zk;
  private CuratorFramework client;
  private ZkDirectory directory;

  @BeforeEach
  void start() {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
    client = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5));
    directory = ZkDirectory.start(client);
  }

  @AfterEach
  void stop() {
    directory.close();
    client.close();
    zk.close();
  }

  private static <T> T await(String what, Supplier<T> value, T expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T last = value.get();
    while (!expected.equals(last) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      last = value.get();
    }
    assertEquals(expected, last, what);
    return last;
  }

  @Test
  void followsTheFrameworksLeaders() throws Exception {
    assertEquals(Optional.empty(), directory.framework("apps"));
    LeaderInfo apps = new LeaderInfo("apps-1", "10.0.0.5", 0, 8080, "v");
    client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
        .forPath(ZkPaths.frameworkLeader("apps"), apps.toBytes());
    await("the apps leader", () -> directory.framework("apps"), Optional.of(apps));
    assertEquals(Optional.empty(), directory.framework("jobs"));
    assertEquals(Optional.empty(), directory.framework("other"), "only apps and jobs are proxied");
    client.delete().forPath(ZkPaths.frameworkLeader("apps"));
    await("no apps leader", () -> directory.framework("apps"), Optional.empty());
  }

  @Test
  void listsTheMastersInTheElectionLeaderFirst() throws Exception {
    try (LeaderLatch first = new LeaderLatch(client, ZkPaths.MASTER_ELECTION, "master-a");
        LeaderLatch second = new LeaderLatch(client, ZkPaths.MASTER_ELECTION, "master-b")) {
      first.start();
      first.await();
      second.start();
      await("both masters, the leader first", directory::contending, List.of("master-a", "master-b"));
      LeaderInfo b = new LeaderInfo("master-b", "10.0.0.7", 5051, 5050, "v");
      client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(ZkPaths.masterMember("master-b"), b.toBytes());
      await("the standby with its published address", directory::masters, List.of(
          new ZkDirectory.MasterView("master-a", true, Optional.empty()),
          new ZkDirectory.MasterView("master-b", false, Optional.of(b))));
    }
    await("none once they left", directory::contending, List.of());
  }

  @Test
  void latchNodesSortBySequence() {
    assertEquals("0000000007", ZkDirectory.sequence("/master/election/_c_ab-cd-latch-0000000007"));
  }
}
