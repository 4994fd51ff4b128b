package dev.drover.jobs;

import java.time.Duration;

/**
 * How a jobs instance runs. {@code hostname}: what it publishes for the others to proxy to (null: the bind address,
 * or the local host name when binding to all interfaces). {@code lookahead}: how long before its tick a scheduled
 * run is written to ZooKeeper (so the launch at the tick waits for no write).
 */
public record JobsOptions(String hostname, Duration zkSessionTimeout, Duration failoverTimeout, Duration lookahead) {
  public static JobsOptions defaults() {
    return new JobsOptions(null, Duration.ofSeconds(10), Duration.ofDays(7), Duration.ofSeconds(5));
  }

  public JobsOptions withHostname(String h) {
    return new JobsOptions(h, zkSessionTimeout, failoverTimeout, lookahead);
  }

  public JobsOptions withZkSessionTimeout(Duration d) {
    return new JobsOptions(hostname, d, failoverTimeout, lookahead);
  }

  public JobsOptions withFailoverTimeout(Duration d) {
    return new JobsOptions(hostname, zkSessionTimeout, d, lookahead);
  }

  public JobsOptions withLookahead(Duration d) {
    return new JobsOptions(hostname, zkSessionTimeout, failoverTimeout, d);
  }
}
