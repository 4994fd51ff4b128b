package dev.drover.agent;

import dev.drover.agent.container.ContainerOptions;
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
 * @param containers the Docker engine's address and what Docker tasks may do (privileged, host paths)
 * @param recover what to do on start with the tasks checkpointed in the work dir by an earlier run
 */
public record AgentConfig(String zk, Path workDir, String hostname, String bindAddress, int httpPort,
    String resources, String attributes, Duration zkSessionTimeout, Duration statusRetryInitial,
    Duration statusRetryMax, Duration reconnectInitial, Duration reconnectMax, int maxMissedPings,
    Duration defaultKillGracePeriod, ContainerOptions containers, RecoverMode recover) {
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
    Objects.requireNonNull(containers, "containers");
    Objects.requireNonNull(recover, "recover");
  }

  /** HTTP on 0.0.0.0:5052, the local host name, detected resources, no attributes. */
  public static AgentConfig defaults(String zk, Path workDir) {
    return new AgentConfig(zk, workDir, localHostName(), "0.0.0.0", DEFAULT_HTTP_PORT, "", "",
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofSeconds(2), 5, Duration.ofSeconds(3), ContainerOptions.defaults(),
        RecoverMode.RECONNECT);
  }

  public AgentConfig withHostname(String advertisedHost) {
    return new AgentConfig(zk, workDir, advertisedHost, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  public AgentConfig withBindAddress(String address) {
    return new AgentConfig(zk, workDir, hostname, address, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  /** 0 picks a free port; {@link Agent#httpPort()} tells which. */
  public AgentConfig withHttpPort(int port) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, port, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  /** E.g. {@code cpus:2;mem:2048;ports:[31000-31100]}: each entry replaces the detected one of its name. */
  public AgentConfig withResources(String text) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, text, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  /** E.g. {@code rack:r1;zone:a}; numbers become scalar attributes, the rest text. */
  public AgentConfig withAttributes(String text) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, text,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  public AgentConfig withZkSessionTimeout(Duration d) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        d, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  /** Unacknowledged status updates are re-sent after {@code initial}, doubling up to {@code max}. */
  public AgentConfig withStatusRetry(Duration initial, Duration max) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, initial, max, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  /** After a failed stream the master is dialled again after {@code initial}, doubling up to {@code max}. */
  public AgentConfig withReconnectBackoff(Duration initial, Duration max) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, initial, max, maxMissedPings,
        defaultKillGracePeriod, containers, recover);
  }

  public AgentConfig withMaxMissedPings(int n) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, n,
        defaultKillGracePeriod, containers, recover);
  }

  public AgentConfig withDefaultKillGracePeriod(Duration d) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings, d,
        containers, recover);
  }

  /** {@link RecoverMode#RECONNECT} (the default) or {@link RecoverMode#CLEANUP}; the CLI's {@code --recover}. */
  public AgentConfig withRecover(RecoverMode mode) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, containers, mode);
  }

  /** The Docker engine's address and what Docker tasks may do; see {@link ContainerOptions}. */
  public AgentConfig withContainers(ContainerOptions c) {
    return new AgentConfig(zk, workDir, hostname, bindAddress, httpPort, resources, attributes,
        zkSessionTimeout, statusRetryInitial, statusRetryMax, reconnectInitial, reconnectMax, maxMissedPings,
        defaultKillGracePeriod, c, recover);
  }

  /** E.g. {@code unix:///var/run/docker.sock} (the default). */
  public AgentConfig withDockerHost(String host) {
    return withContainers(containers.withDockerHost(host));
  }

  /** Whether Docker tasks may run privileged; off by default (such tasks get TASK_ERROR). */
  public AgentConfig withDockerPrivilegedAllowed(boolean allow) {
    return withContainers(containers.withAllowPrivileged(allow));
  }

  /** Host directories Docker tasks may mount as volumes; none by default (such tasks get TASK_ERROR). */
  public AgentConfig withDockerHostPaths(java.util.List<Path> allowed) {
    return withContainers(containers.withAllowedHostPaths(allowed));
  }

  /** Whether Docker tasks may use the host's network; off by default (such tasks get TASK_ERROR). */
  public AgentConfig withDockerHostNetworkAllowed(boolean allow) {
    return withContainers(containers.withAllowHostNetwork(allow));
  }

  /**
   * Whether tasks may run as root (explicitly, or naming no user on an agent running as root); allowed by default
   * here, refused by default by {@code drover agent} (docs/security.md).
   */
  public AgentConfig withRootTasksAllowed(boolean allow) {
    return withContainers(containers.withAllowRootTasks(allow));
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
