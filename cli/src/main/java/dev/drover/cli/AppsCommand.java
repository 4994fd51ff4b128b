package dev.drover.cli;

import dev.drover.apps.AppsService;
import dev.drover.cli.ops.AppsOps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apps", mixinStandardHelpOptions = true,
    subcommands = {AppsOps.ListApps.class, AppsOps.Show.class, AppsOps.Add.class, AppsOps.Update.class,
        AppsOps.Scale.class, AppsOps.Restart.class, AppsOps.Remove.class, AppsOps.Queue.class},
    description = {"Run the long-running framework (Marathon v2-compatible apps).",
        "With a command (list, add, scale, ...): manage apps through the leading master (see docs/cli.md)."})
final class AppsCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin SecurityOptions security;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})",
      defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--http-port", description = "REST port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
  int httpPort;

  @Option(names = "--hostname", description = "Host other apps instances and clients reach this one at, published "
      + "in ZooKeeper for proxying (default: the bind address, or this machine's name when binding to 0.0.0.0)")
  String hostname;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(AppsService.start(zk.zk, zk.sessionTimeout, bind, httpPort, hostname, security.security()));
    return life.awaitStop();
  }
}
