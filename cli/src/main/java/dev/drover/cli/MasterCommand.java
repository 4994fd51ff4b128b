package dev.drover.cli;

import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master. Several may run; the one ZooKeeper elects leads, the others stand by.")
final class MasterCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin ListenOptions listen;

  @Option(names = "--http-port", description = "HTTP port: operator API, UI (default: ${DEFAULT-VALUE})",
      defaultValue = "5050")
  int httpPort;

  @Option(names = "--grpc-port", description = "gRPC port: agents and frameworks (default: ${DEFAULT-VALUE})",
      defaultValue = "5051")
  int grpcPort;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Master.start(config()));
    return life.awaitStop();
  }

  MasterConfig config() {
    return MasterConfig.defaults(zk.zk)
        .withHostname(listen.advertised())
        .withBindAddress(listen.bind)
        .withHttpPort(httpPort)
        .withGrpcPort(grpcPort)
        .withZkSessionTimeout(zk.sessionTimeout);
  }
}
