package dev.drover.cli;

import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master. Several may run; the one ZooKeeper elects leads, the others stand by.")
final class MasterCommand implements Callable<Integer> {
  @Option(names = "--zk", description = "ZooKeeper connect string with chroot (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1:2181/drover")
  String zk;

  @Option(names = "--hostname", description = "Host name advertised to agents and frameworks (default: this host)")
  String hostname;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--http-port", description = "HTTP port: operator API, UI (default: ${DEFAULT-VALUE})",
      defaultValue = "5050")
  int httpPort;

  @Option(names = "--grpc-port", description = "gRPC port: agents and frameworks (default: ${DEFAULT-VALUE})",
      defaultValue = "5051")
  int grpcPort;

  @Option(names = "--zk-session-timeout", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})",
      defaultValue = "PT10S", converter = DurationConverter.class)
  Duration zkSessionTimeout;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Master.start(config()));
    return life.awaitStop();
  }

  MasterConfig config() {
    return MasterConfig.defaults(zk)
        .withHostname(hostname == null ? Hosts.localHostname() : hostname)
        .withBindAddress(bind)
        .withHttpPort(httpPort)
        .withGrpcPort(grpcPort)
        .withZkSessionTimeout(zkSessionTimeout);
  }
}
