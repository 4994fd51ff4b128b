package dev.drover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper server run from a standard {@code zoo.cfg} (zk-config's templates), with ZooKeeper's own classes: a
 * member of an ensemble ({@link QuorumPeerMain}) when the file lists {@code server.N} lines, a standalone server
 * ({@link ZooKeeperServerMain}) otherwise. The ensemble member's number comes from {@code <dataDir>/myid}, written
 * from {@code myid} when one is given. The server runs on its own thread until {@link #close}; a server that fails
 * to start or stops on its own ends the JVM with status 2, as ZooKeeper's own scripts would.
 */
final class ZooCfgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZooCfgServer.class);

  private final Thread thread;
  private final Peer peer;
  private final Standalone standalone;
  private volatile boolean closing;

  private ZooCfgServer(QuorumPeerConfig config) {
    if (config.isDistributed()) {
      peer = new Peer();
      standalone = null;
    } else {
      peer = null;
      standalone = new Standalone();
    }
    thread = new Thread(() -> run(config), "zookeeper-server");
  }

  /**
   * Parses {@code cfg} and starts the server it describes.
   *
   * @param cfg a zoo.cfg file
   * @param myid this member's number in the ensemble, written to {@code <dataDir>/myid}; null keeps the file
   * @throws IllegalArgumentException naming the file and the reason when it cannot be used
   */
  static ZooCfgServer start(Path cfg, Integer myid) {
    QuorumPeerConfig config = parse(cfg, myid);
    ZooCfgServer server = new ZooCfgServer(config);
    LOG.info("ZooKeeper from {}: {} on {}", cfg, config.isDistributed() ? "ensemble member " + config.getServerId()
        : "standalone server", config.getClientPortAddress());
    server.thread.start();
    return server;
  }

  static QuorumPeerConfig parse(Path cfg, Integer myid) {
    try {
      if (myid != null) {
        Path dir = Path.of(readDataDir(cfg));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("myid"), myid + "\n", StandardCharsets.US_ASCII);
      }
      QuorumPeerConfig config = new QuorumPeerConfig();
      config.parse(cfg.toString());
      return config;
    } catch (QuorumPeerConfig.ConfigException | IOException e) {
      Throwable t = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("cannot use ZooKeeper config " + cfg + ": " + t.getMessage(), e);
    }
  }

  private static String readDataDir(Path cfg) throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (var r = Files.newBufferedReader(cfg)) {
      p.load(r);
    }
    String dir = p.getProperty("dataDir");
    if (dir == null || dir.isBlank()) {
      throw new IOException("dataDir is missing");
    }
    return dir.trim();
  }

  private void run(QuorumPeerConfig config) {
    try {
      if (peer != null) {
        peer.runFromConfig(config);
      } else {
        ServerConfig sc = new ServerConfig();
        sc.readFrom(config);
        standalone.runFromConfig(sc);
      }
    } catch (Exception e) {
      if (!closing) {
        LOG.error("ZooKeeper server failed: {}", e.toString(), e);
      }
    }
    if (!closing) {
      LOG.error("ZooKeeper server stopped on its own; exiting");
      Runtime.getRuntime().halt(2);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    if (peer != null) {
      peer.stop();
    } else {
      standalone.stop();
    }
    thread.join(10_000);
  }

  /** QuorumPeerMain with a way to stop its peer. */
  private static final class Peer extends QuorumPeerMain {
    void stop() {
      QuorumPeer p = quorumPeer;
      if (p != null) {
        p.shutdown();
      }
    }
  }

  /** ZooKeeperServerMain with a way to stop it. */
  private static final class Standalone extends ZooKeeperServerMain {
    void stop() {
      shutdown();
    }
  }
}
