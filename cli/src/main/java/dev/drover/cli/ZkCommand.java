package dev.drover.cli;

import dev.drover.zk.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zk", mixinStandardHelpOptions = true,
    description = {"Run a single-node ZooKeeper server (real server classes) for development.",
        "Production uses an ensemble: see zk-config/README.md."})
final class ZkCommand implements Callable<Integer> {
  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE})", defaultValue = "2181")
  int port;

  @Option(names = "--data-dir", description = "Snapshots and logs (default: ${DEFAULT-VALUE})",
      defaultValue = "/var/lib/drover/zk")
  Path dataDir;

  @Option(names = "--tick-time", description = "Tick in ms; sessions last 2 to 100 ticks (default: ${DEFAULT-VALUE})",
      defaultValue = "500")
  int tickTime;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(EmbeddedZooKeeper.start(bind, port, dataDir, tickTime));
    return life.awaitStop();
  }
}
