package dev.drover.zk;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Builds Curator clients the same way for every component. */
public final class ZkClients {
  private ZkClients() {}

  /** Default session timeout; short enough that a dead leader is noticed in seconds. */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Creates and starts a client. The connect string may carry a chroot ({@code host:2181/drover}); it becomes the
   * client's Curator namespace, so its node is created on first use and every path is relative to it.
   */
  public static CuratorFramework start(String connectString, Duration sessionTimeout) {
    int slash = connectString.indexOf('/');
    String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
    String chroot = slash < 0 ? "" : connectString.substring(slash + 1).replaceAll("/+$", "");
    if (hosts.isBlank()) {
      throw new IllegalArgumentException("ZooKeeper connect string has no hosts: '" + connectString + "'");
    }
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(hosts)
        .namespace(chroot.isEmpty() ? null : chroot)
        .sessionTimeoutMs((int) sessionTimeout.toMillis())
        .connectionTimeoutMs((int) Math.min(sessionTimeout.toMillis(), 15_000))
        .retryPolicy(new ExponentialBackoffRetry(100, 10, 2_000))
        .build();
    client.start();
    return client;
  }

  public static CuratorFramework start(String connectString) {
    return start(connectString, DEFAULT_SESSION_TIMEOUT);
  }
}
