package dev.drover.cli;

import dev.drover.zk.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zk", mixinStandardHelpOptions = true,
    description = {"Run a ZooKeeper server (ZooKeeper's own server classes).",
        "With --config, a server from a zoo.cfg (zk-config/templates, conf/zk/ in the tarball): one member of an "
            + "ensemble when the file lists server.N lines (its number from <dataDir>/myid or --myid), standalone "
            + "otherwise.",
        "Without --config, a single-node server for development from --bind, --port, --data-dir and --tick-time."})
final class ZkCommand implements Callable<Integer> {
  @Option(names = "--config", description = "A zoo.cfg file; when given, --bind, --port, --data-dir and "
      + "--tick-time are ignored")
  Path config;

  @Option(names = "--myid", description = "With --config: this member's number (the N of its server.N line), "
      + "written to <dataDir>/myid")
  Integer myid;

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
    if (config != null) {
      life.add(ZooCfgServer.start(config, myid));
    } else {
      life.add(EmbeddedZooKeeper.start(bind, port, dataDir, tickTime));
    }
    return life.awaitStop();
  }
}
