package dev.drover.cli;

import dev.drover.router.RouterOptions;
import dev.drover.router.RouterService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "router", mixinStandardHelpOptions = true,
    description = "Run a service router: TCP on each app's service ports and HTTP by virtual host, to ready "
        + "instances only (docs/router.md).")
final class RouterCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Option(names = "--apps", description = "URL of the apps framework (e.g. http://127.0.0.1:8080); without it the "
      + "apps leader is found in ZooKeeper")
  String apps;

  @Option(names = "--bind", description = "Address every listener binds (default: ${DEFAULT-VALUE})",
      defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--http-port", description = "Virtual-host HTTP port (default: ${DEFAULT-VALUE})",
      defaultValue = "8000")
  int httpPort;

  @Option(names = "--status-port", description = "Status page, /status.json and /metrics (default: ${DEFAULT-VALUE})",
      defaultValue = "9090")
  int statusPort;

  @Option(names = "--resync-every", description = "Full resync period, a safety net for missed events "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "30s", converter = DurationConverter.class)
  Duration resyncEvery;

  @Option(names = "--http-instances", description = "Event loops serving the HTTP port and each service port "
      + "(default: the number of cores)")
  Integer httpInstances;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    RouterOptions o = RouterOptions.of(zk.zk, apps, bind, httpPort, statusPort).with(resyncEvery,
        httpInstances == null ? Runtime.getRuntime().availableProcessors() : httpInstances, zk.sessionTimeout);
    life.add(RouterService.start(o));
    return life.awaitStop();
  }
}
