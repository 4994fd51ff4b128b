package dev.drover.cli;

import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master. Several may run; the one ZooKeeper elects leads, the others stand by.")
final class MasterCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin ListenOptions listen;

  @Mixin SecurityOptions security;

  @Option(names = "--http-port", description = "HTTP port: operator API, UI (default: ${DEFAULT-VALUE})",
      defaultValue = "5050")
  int httpPort;

  @Option(names = "--grpc-port", description = "gRPC port: agents and frameworks (default: ${DEFAULT-VALUE})",
      defaultValue = "5051")
  int grpcPort;

  @Option(names = "--agent-reregister-timeout", description = "After an election, how long known agents have to "
      + "re-register before their tasks are reported UNREACHABLE or LOST (default: ${DEFAULT-VALUE})",
      defaultValue = "10s", converter = DurationConverter.class)
  Duration agentReregisterTimeout;

  @Option(names = "--max-missed-pings", description = "Pings an agent may miss in a row before it is UNREACHABLE "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "5")
  int maxMissedPings;

  @Option(names = "--offer-timeout", description = "Rescind offers outstanding longer than this; 0s = never "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "0s", converter = DurationConverter.class)
  Duration offerTimeout;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Master.start(config(), security.security()));
    return life.awaitStop();
  }

  MasterConfig config() {
    return MasterConfig.defaults(zk.zk)
        .withHostname(listen.advertised())
        .withBindAddress(listen.bind)
        .withHttpPort(httpPort)
        .withGrpcPort(grpcPort)
        .withZkSessionTimeout(zk.sessionTimeout)
        .withAgentReregisterTimeout(agentReregisterTimeout)
        .withMaxMissedPings(maxMissedPings)
        .withOfferTimeout(offerTimeout);
  }
}
