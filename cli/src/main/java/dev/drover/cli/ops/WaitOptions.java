package dev.drover.cli.ops;

import dev.drover.cli.DurationConverter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout} of the commands that start a deployment. */
public final class WaitOptions {
  @Option(names = "--wait", description = "Print progress until the deployment finishes (exit 0), fails or is "
      + "rolled back (exit 3), or --timeout passes (exit 4)")
  boolean wait;

  @Option(names = "--timeout", description = "How long --wait waits (default: ${DEFAULT-VALUE})",
      defaultValue = "10m", converter = DurationConverter.class)
  Duration timeout;

  static String deploymentOf(MasterClient.Response r) {
    return r.deploymentId() != null ? r.deploymentId() : r.body().path("deploymentId").asText(null);
  }

  /** Sends the change through {@code change} and, with {@code --wait}, follows the deployment it starts. */
  int run(OpsCommand cmd, List<String> appIds, java.util.function.Supplier<MasterClient.Response> change) {
    if (!wait) {
      MasterClient.Response r = change.get();
      String id = deploymentOf(r);
      cmd.out().println(id != null ? "deployment " + id + " started" : OpsCommand.pretty(r.body()));
      cmd.out().flush();
      return ExitCodes.OK;
    }
    try (AppsProbe probe = new AppsProbe(cmd.api())) {
      MasterClient.Response r = change.get();
      String id = deploymentOf(r);
      if (id == null) {
        cmd.out().println("nothing to deploy");
        cmd.out().flush();
        return ExitCodes.OK;
      }
      cmd.out().println("deployment " + id + " started");
      return new DeploymentWatch(probe, System::nanoTime, d -> Thread.sleep(d.toMillis()), cmd.out())
          .watch(id, appIds, timeout);
    }
  }
}
