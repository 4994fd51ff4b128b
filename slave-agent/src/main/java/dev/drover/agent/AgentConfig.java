package dev.drover.agent;

import dev.drover.agent.resources.AttributeParser;
import dev.drover.model.Resources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent runs. Immutable; start from {@link #defaults} and change with the {@code with*} methods.
 *
 * @param zk ZooKeeper connect string with chroot, e.g. {@code 127.0.0.1:2181/drover}
 * @param workDir holds {@code meta/agent-id} and {@code sandboxes/<framework>/<task>/}
 * @param hostname the name the agent advertises to the master and gives tasks as {@code HOST}
 * @param bindAddress the HTTP server's bind address
 * @param httpPort the HTTP port, 0 for a free one
 * @param resources Mesos text form replacing or adding to the detected resources; empty for none
 * @param attributes {@code name:value;...}; empty for none
 * @param zkSessionTimeout the Curator session timeout
 * @param statusRetryInitial first re-send of an unacknowledged status update
 * @param statusRetryMax the re-send interval doubles up to this
 * @param reconnectInitial first delay before dialling the master again after a stream failed
 * @param reconnectMax the reconnect delay doubles up to this
 * @param maxMissedPings ping intervals without a word from the master before the agent reconnects
 * @param defaultKillGracePeriod SIGTERM-to-SIGKILL delay when neither the task nor the kill sets one
 */
public record AgentConfig(String zk, Path workDir, String hostname, String bindAddress, int httpPort,
    String resources, String attributes, Duration zkSessionTimeout, Duration statusRetryInitial,
    Duration statusRetryMax, Duration reconnectInitial, Duration reconnectMax, int maxMissedPings,
    Duration defaultKillGracePeriod) {
  public static final int DEFAULT_HTTP_PORT = 5052;

  public AgentConfig {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be in [0, 65535], not " + httpPort);
    }
    resources = resources == null ? "" : resources;
    attributes = attributes == null ? "" : attributes;
    Resources.parse(resources);
    AttributeParser.parse(attributes);
    positive(zkSessionTimeout, "zkSessionTimeout");
    positive(statusRetryInitial, "statusRetryInitial");
    positive(statusRetryMax, "statusRetryMax");
    positive(reconnectInitial, "reconnectInitial");
    positive(reconnectMax, "reconnectMax");
    if (maxMissedPings < 1) {
      throw new IllegalArgumentException("maxMissedPings must be at least 1");
    }
    Objects.requireNonNull(defaultKillGracePeriod, "defaultKillGracePeriod");
  }

  /** HTTP on 0.0.0.0:5052, the local host name, detected resources, no attributes. */
  public static AgentConfig defaults(String zk, Path workDir) {
    return new AgentConfig(zk, workDir, localHostName(), "0.0.0.0", DEFAULT_HTTP_PORT, "", "",
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofSeconds(2), 5, Duration.ofSeconds(3));
  }

  public AgentConfig withHostname(String advertisedHost) {
    return new AgentConfig(zk, workDir, advertisedHost, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  public AgentConfig withBindAddress(String address) {
    return new AgentConfig(zk, workDir, hostname, address, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  /** 0 picks a free port; {@link Agent#httpPort()} tells which. */
  public AgentConfig withHttpPort(int port) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, port, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  /** E.g. {@code cpus:2;mem:2048;ports:[31000-31100]}: each entry replaces the detected one of its name. */
  public AgentConfig withResources(String text) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, text, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  /** E.g. {@code rack:r1;zone:a}; numbers become scalar attributes, the rest text. */
  public AgentConfig withAttributes(String text) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, text,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  public AgentConfig withZkSessionTimeout(Duration d) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        d, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod);
  }

  /** Unacknowledged status updates are re-sent after {@code initial}, doubling up to {@code max}. */
  public AgentConfig withStatusRetry(Duration initial, Duration max) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, initial, max, reconnectInitial, reconnectMax, maxMissedPings, defaultKillGracePeriod);
  }

  /** After a failed stream the master is dialled again after {@code initial}, doubling up to {@code max}. */
  public AgentConfig withReconnectBackoff(Duration initial, Duration max) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, initial, max, maxMissedPings, defaultKillGracePeriod);
  }

  public AgentConfig withMaxMissedPings(int n) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, n,
        defaultKillGracePeriod);
  }

  public AgentConfig withDefaultKillGracePeriod(Duration d) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings, d);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
