package dev.drover.master;

import dev.drover.zk.ZkClients;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a master. Immutable; change a field with its {@code with...} method.
 *
 * @param zk ZooKeeper connect string with a chroot, e.g. {@code 127.0.0.1:2181/drover}
 * @param hostname the host name this master advertises in its leader record (and redirects)
 * @param bindAddress the address the gRPC and HTTP servers bind
 * @param httpPort HTTP port; 0 picks a free one
 * @param grpcPort gRPC port; 0 picks a free one
 * @param zkSessionTimeout ZooKeeper session timeout; a dead leader is replaced about this long after it stops
 * @param offerRefuseDefault how long a DECLINE (or the unused part of an ACCEPT) filters an agent for the framework
 *     when the call gives no positive refuse_seconds
 * @param heartbeatInterval how often subscribed frameworks get a HEARTBEAT event
 * @param pingInterval how often connected agents get a PING
 * @param allocationInterval how often an allocation cycle runs (changes also trigger one at once)
 * @param agentReregisterTimeout how long agents known from the registry have to re-register after an election
 *     before the tasks frameworks ask about on them are reported UNREACHABLE (or LOST)
 * @param maxMissedPings ping intervals an agent may miss in a row (or stay disconnected) before it is UNREACHABLE
 * @param offerTimeout how long an offer may stay outstanding before it is rescinded; {@link Duration#ZERO} = never
 */
public record MasterConfig(String zk, String hostname, String bindAddress, int httpPort, int grpcPort,
    Duration zkSessionTimeout, Duration offerRefuseDefault, Duration heartbeatInterval, Duration pingInterval,
    Duration allocationInterval, Duration agentReregisterTimeout, int maxMissedPings, Duration offerTimeout) {
  public static final int DEFAULT_HTTP_PORT = 5050;
  public static final int DEFAULT_GRPC_PORT = 5051;

  public MasterConfig {
    Objects.requireNonNull(zk, "zk");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(bindAddress, "bindAddress");
    checkPort(httpPort, "httpPort");
    checkPort(grpcPort, "grpcPort");
    checkPositive(zkSessionTimeout, "zkSessionTimeout");
    checkPositive(offerRefuseDefault, "offerRefuseDefault");
    checkPositive(heartbeatInterval, "heartbeatInterval");
    checkPositive(pingInterval, "pingInterval");
    checkPositive(allocationInterval, "allocationInterval");
    checkPositive(agentReregisterTimeout, "agentReregisterTimeout");
    Objects.requireNonNull(offerTimeout, "offerTimeout");
    if (offerTimeout.isNegative()) {
      throw new IllegalArgumentException("offerTimeout must not be negative, not " + offerTimeout);
    }
    if (maxMissedPings < 1) {
      throw new IllegalArgumentException("maxMissedPings must be at least 1, not " + maxMissedPings);
    }
  }

  /**
   * Defaults: HTTP 5050, gRPC 5051, bind 0.0.0.0, this host's name, ZooKeeper session 10 s, refuse 5 s, heartbeat
   * and ping every 5 s, allocation every 500 ms, agents re-register within 10 s of an election, 5 missed pings, no offer timeout.
   */
  public static MasterConfig defaults(String zk) {
    return new MasterConfig(zk, localHostName(), "0.0.0.0", DEFAULT_HTTP_PORT, DEFAULT_GRPC_PORT,
        ZkClients.DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofMillis(500), Duration.ofSeconds(10), 5, Duration.ZERO);
  }

  public MasterConfig withZk(String connectString) {
    return new MasterConfig(connectString, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout,
        offerRefuseDefault, heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withHostname(String advertisedHost) {
    return new MasterConfig(zk, advertisedHost, bindAddress, httpPort, grpcPort, zkSessionTimeout,
        offerRefuseDefault, heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withBindAddress(String address) {
    return new MasterConfig(zk, hostname, address, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withHttpPort(int port) {
    return new MasterConfig(zk, hostname, bindAddress, port, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withGrpcPort(int port) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, port, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withZkSessionTimeout(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, d, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withOfferRefuseDefault(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, d, heartbeatInterval,
        pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withHeartbeatInterval(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault, d,
        pingInterval, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withPingInterval(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, d, allocationInterval,
        agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withAllocationInterval(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, d, agentReregisterTimeout, maxMissedPings, offerTimeout);
  }

  public MasterConfig withAgentReregisterTimeout(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval, d, maxMissedPings, offerTimeout);
  }

  public MasterConfig withMaxMissedPings(int n) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval, agentReregisterTimeout, n, offerTimeout);
  }

  public MasterConfig withOfferTimeout(Duration d) {
    return new MasterConfig(zk, hostname, bindAddress, httpPort, grpcPort, zkSessionTimeout, offerRefuseDefault,
        heartbeatInterval, pingInterval, allocationInterval, agentReregisterTimeout, maxMissedPings, d);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in [0, 65535], not " + port);
    }
  }

  private static void checkPositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
    }
  }
}
