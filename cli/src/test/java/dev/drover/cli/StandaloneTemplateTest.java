package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.zk.ZkClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zk-config/templates/zoo-standalone.cfg runs as shipped: the test changes only the host-specific lines (dataDir,
 * clientPort, clientPortAddress), as zk-config/README.md tells an operator to, starts the server the way
 * {@code drover zk --config} does, and uses it through Drover's own client.
 */
class StandaloneTemplateTest {
  static final Path TEMPLATE = Path.of("../zk-config/templates/zoo-standalone.cfg");

  @TempDir Path dir;

  static Path write(Path file, Path dataDir, int port) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(TEMPLATE)) {
      String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).trim() : "";
      out.add(switch (key) {
        case "dataDir" -> "dataDir=" + dataDir;
        case "clientPort" -> "clientPort=" + port;
        case "clientPortAddress" -> "clientPortAddress=127.0.0.1";
        default -> line;
      });
    }
    return Files.write(file, out);
  }

  @Test
  void theStandaloneTemplateServesDroverClients() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path cfg = write(dir.resolve("zoo.cfg"), dir.resolve("data"), port);
    assertEquals(3, Files.readAllLines(cfg).stream().filter(l -> l.contains(dir.toString())
        || l.equals("clientPort=" + port) || l.equals("clientPortAddress=127.0.0.1")).count());

    try (ZooCfgServer server = ZooCfgServer.start(cfg, null);
        CuratorFramework client = ZkClients.start("127.0.0.1:" + port + "/drover", Duration.ofSeconds(60))) {
      client.blockUntilConnected(30, java.util.concurrent.TimeUnit.SECONDS);
      client.create().creatingParentsIfNeeded().forPath("/master/probe", "hello".getBytes(StandardCharsets.UTF_8));
      assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), client.getData().forPath("/master/probe"));
      // The template's maxSessionTimeout (20 s) caps the 60 s the client asked for: the file's settings are live.
      assertEquals(20_000, client.getZookeeperClient().getZooKeeper().getSessionTimeout());
      assertTrue(Files.isDirectory(dir.resolve("data/version-2")), "ZooKeeper writes under the substituted dataDir");
    }
  }
}
