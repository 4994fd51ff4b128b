package dev.drover.sdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkHaTest {
  static EmbeddedZooKeeper zk;

  @BeforeAll
  static void start(@TempDir Path dir) {
    zk = EmbeddedZooKeeper.startLocal(dir);
  }

  @AfterAll
  static void stop() {
    zk.close();
  }

  static CuratorFramework client() {
    return ZkClients.start(zk.connectString("/ha"), Duration.ofSeconds(2));
  }

  @Test
  void keeperStoresTheIdFromRegistered() {
    try (CuratorFramework c = client()) {
      FrameworkIdKeeper ids = new FrameworkIdKeeper(c, "keep");
      assertEquals(Optional.empty(), ids.load());
      Scheduler s = ids.persisting(new Scheduler() {
        @Override
        public void registered(SchedulerDriver driver, String frameworkId, String masterId) {
          assertEquals(Optional.of(frameworkId), ids.load(), "saved before the wrapped callback runs");
        }

        @Override
        public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {}

        @Override
        public void statusUpdate(SchedulerDriver driver, TaskStatus status) {}
      });
      s.registered(null, "fw-1", "m1");
      ids.save("fw-2");
      assertEquals(Optional.of("fw-2"), ids.load());
      ids.clear();
      ids.clear();
      assertEquals(Optional.empty(), ids.load());
    }
  }

  @Test
  void oneLeaderPublishesAndHandsOverOnClose() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (CuratorFramework c1 = client(); CuratorFramework c2 = client()) {
      LeaderElection e1 = LeaderElection.start(c1, "elect", new LeaderInfo("i1", "h1", 0, 81, "v"),
          listener("i1", events), Runnable::run);
      assertEquals("i1 elected", events.poll(5, TimeUnit.SECONDS));
      LeaderElection e2 = LeaderElection.start(c2, "elect", new LeaderInfo("i2", "h2", 0, 82, "v"),
          listener("i2", events), Runnable::run);
      assertTrue(e1.isLeader());
      assertFalse(e2.isLeader());
      assertEquals("i1", e2.leader().orElseThrow().id());
      e1.close();
      assertEquals("i1 revoked", events.poll(5, TimeUnit.SECONDS));
      assertEquals("i2 elected", events.poll(5, TimeUnit.SECONDS));
      assertEquals(82, e1.leader().orElseThrow().httpPort());
      e2.close();
    }
  }

  static LeaderElection.Listener listener(String id, BlockingQueue<String> events) {
    return new LeaderElection.Listener() {
      @Override
      public void elected() {
        events.add(id + " elected");
      }

      @Override
      public void revoked() {
        events.add(id + " revoked");
      }
    };
  }
}
