package dev.drover.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How a component reaches ZooKeeper; mixed into every command that needs it. */
final class ZkOptions {
  @Option(names = "--zk", description = "ZooKeeper connect string with chroot (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1:2181/drover")
  String zk;

  @Option(names = "--zk-session-timeout", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})",
      defaultValue = "10s", converter = DurationConverter.class)
  Duration sessionTimeout;
}
