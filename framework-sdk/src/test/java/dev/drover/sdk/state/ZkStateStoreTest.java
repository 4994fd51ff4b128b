package dev.drover.sdk.state;

import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.ZkClients;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class ZkStateStoreTest extends StateStoreContract {
  static EmbeddedZooKeeper zk;
  static CuratorFramework client;
  static int n;

  @BeforeAll
  static void start(@TempDir Path dir) {
    zk = EmbeddedZooKeeper.startLocal(dir);
    client = ZkClients.start(zk.connectString("/test"), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    client.close();
    zk.close();
  }

  @Override
  StateStore store() {
    return new ZkStateStore(client, "fw" + (++n));
  }
}
