package dev.drover.cli.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.drover.cli.DurationConverter;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * How an operator command finds the leading master: {@code --master URL} (any master; a standby's 307 is followed)
 * or the leader record in ZooKeeper ({@code --zk}, default {@code DROVER_ZK} or 127.0.0.1:2181/drover). Mixed into
 * every operator command, with {@code --output}.
 */
public final class Connection {
  @Option(names = "--zk", description = "ZooKeeper connect string with chroot, to find the leading master "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1:2181/drover")
  String zk;

  @Option(names = "--master", description = "A master's URL (e.g. http://m1:5050); used instead of ZooKeeper")
  String master;

  @Option(names = {"-o", "--output"}, description = "table or json (default: ${DEFAULT-VALUE})",
      defaultValue = "table")
  Output output;

  @Option(names = "--request-timeout", description = "Timeout of each HTTP request (default: ${DEFAULT-VALUE})",
      defaultValue = "30s", converter = DurationConverter.class)
  Duration requestTimeout;

  @Option(names = "--token", description = "Bearer token for a secured cluster (or --token-file)")
  String token;

  @Option(names = "--token-file", description = "A file holding the bearer token (e.g. certs/admin.token)")
  java.nio.file.Path tokenFile;

  @Option(names = "--ca-file", description = "PEM CA to trust for a cluster served over TLS; the master found in "
      + "ZooKeeper is then reached over https")
  java.nio.file.Path caFile;

  private MasterClient client;

  /** How results are printed. */
  public enum Output { table, json }

  /** The client of the leading master, resolved once. */
  public MasterClient client() {
    if (client == null) {
      String url = master != null && !master.isBlank() ? withScheme(master, caFile != null) : fromZooKeeper();
      client = new MasterClient(url, requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout,
          caFile == null ? null : Tls.trusting(caFile), token());
    }
    return client;
  }

  public Output output() {
    return output == null ? Output.table : output;
  }

  static String withScheme(String url, boolean tls) {
    return url.contains("://") ? url : (tls ? "https://" : "http://") + url;
  }

  private String token() {
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    if (tokenFile == null) {
      return null;
    }
    try {
      return java.nio.file.Files.readString(tokenFile).strip();
    } catch (java.io.IOException e) {
      throw new ApiException("cannot read the token file " + tokenFile + ": " + e.getMessage());
    }
  }

  private String fromZooKeeper() {
    quietZooKeeperLogs();
    try (CuratorFramework c = ZkClients.start(zk, Duration.ofSeconds(10))) {
      if (!c.blockUntilConnected(5, TimeUnit.SECONDS)) {
        throw new ApiException("cannot connect to ZooKeeper at " + zk);
      }
      String url = LeaderInfo.fromBytes(c.getData().forPath(ZkPaths.MASTER_LEADER)).httpUrl();
      return caFile == null ? url : url.replaceFirst("^http:", "https:");
    } catch (KeeperException.NoNodeException e) {
      throw new ApiException("no leader in ZooKeeper at " + zk + " (" + ZkPaths.MASTER_LEADER + " is empty): is a "
          + "master running with --zk " + zk + "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted");
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) {
      throw new ApiException("cannot read the leader from ZooKeeper at " + zk + ": " + e.getMessage());
    }
  }

  private static void quietZooKeeperLogs() {
    for (String name : new String[] {"org.apache.zookeeper", "org.apache.curator"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger l) {
        l.setLevel(Level.OFF);
      }
    }
  }
}
