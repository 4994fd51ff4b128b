package dev.drover.bench.failover;

import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import java.time.Duration;

/** A master in its own JVM for the failover run: {@code MasterMain <zk> <httpPort> <grpcPort>}; runs until killed. */
public final class MasterMain {
  private MasterMain() {}

  public static void main(String[] args) throws Exception {
    Master.start(config(args[0]).withHttpPort(Integer.parseInt(args[1])).withGrpcPort(Integer.parseInt(args[2])));
    Thread.currentThread().join();
  }

  /** The masters' settings, the same in one JVM or in their own. */
  static MasterConfig config(String zk) {
    return MasterConfig.defaults(zk).withHostname("127.0.0.1").withBindAddress("127.0.0.1")
        .withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(2))
        .withPingInterval(Duration.ofSeconds(15)).withHeartbeatInterval(Duration.ofSeconds(15))
        .withAgentReregisterTimeout(Duration.ofSeconds(30));
  }
}
