package dev.drover.zk;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node ZooKeeper server in this JVM, for {@code drover local} and tests. It uses the real server
 * classes with a small tickTime (default 200 ms) so sessions can be as short as 2 × tickTime and failover is fast.
 * Not for production: use an ensemble (see zk-config/README.md).
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

  private final ZooKeeperServer server;
  private final ServerCnxnFactory factory;
  private final Path dataDir;

  private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory, Path dataDir) {
    this.server = server;
    this.factory = factory;
    this.dataDir = dataDir;
  }

  /**
   * Starts a server.
   *
   * @param host address to bind, e.g. 127.0.0.1
   * @param port port to bind, or 0 for a free one
   * @param dataDir snapshot and log directory; created if missing, kept on close
   * @param tickTimeMs ZooKeeper's tick; sessions are clamped to [2, 100] ticks
   */
  public static EmbeddedZooKeeper start(String host, int port, Path dataDir, int tickTimeMs) {
    try {
      Files.createDirectories(dataDir);
      File dir = dataDir.toFile();
      ZooKeeperServer server = new ZooKeeperServer(dir, dir, tickTimeMs);
      server.setMinSessionTimeout(2 * tickTimeMs);
      server.setMaxSessionTimeout(100 * tickTimeMs);
      ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress(host, port), 1000);
      factory.startup(server);
      EmbeddedZooKeeper zk = new EmbeddedZooKeeper(server, factory, dataDir);
      LOG.info("Embedded ZooKeeper serving on {} (tickTime {} ms, data {})", zk.connectString(), tickTimeMs, dataDir);
      return zk;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded ZooKeeper on " + host + ":" + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting ZooKeeper", e);
    }
  }

  /** Starts a server on a free loopback port with a 200 ms tick. */
  public static EmbeddedZooKeeper startLocal(Path dataDir) {
    return start("127.0.0.1", 0, dataDir, 200);
  }

  public int port() {
    return factory.getLocalPort();
  }

  /** {@code host:port} without a chroot. */
  public String connectString() {
    return factory.getLocalAddress().getHostString() + ":" + port();
  }

  /** {@code host:port/chroot}. */
  public String connectString(String chroot) {
    return connectString() + (chroot.startsWith("/") ? chroot : "/" + chroot);
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    factory.shutdown();
    if (server.isRunning()) {
      server.shutdown();
    }
    LOG.info("Embedded ZooKeeper stopped");
  }
}
