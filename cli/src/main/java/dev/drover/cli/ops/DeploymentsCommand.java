package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover deployments [rollback ID]}: the apps framework's deployments in flight; roll one back. */
@Command(name = "deployments", mixinStandardHelpOptions = true,
    description = "List the apps framework's deployments in flight; roll one back.",
    subcommands = DeploymentsCommand.Rollback.class)
public final class DeploymentsCommand extends OpsCommand {
  @Override
  protected int execute() {
    JsonNode deployments = api().get(AppsOps.V2 + "/deployments");
    return print(deployments, () -> table(deployments));
  }

  static Table table(JsonNode deployments) {
    Table t = new Table("ID", "APPS", "STEP", "ACTIONS", "VERSION");
    for (JsonNode d : deployments) {
      List<String> actions = new ArrayList<>();
      d.path("currentActions").forEach(a -> actions.add(a.path("action").asText() + " " + a.path("app").asText()));
      t.row(d.path("id").asText(), String.join(",", texts(d.path("affectedApps"))),
          d.path("currentStep").asInt() + "/" + d.path("totalSteps").asInt(), String.join(", ", actions),
          d.path("version").asText());
    }
    return t;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** {@code drover deployments rollback}: see the command's description. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Roll a deployment back: a new deployment returns its apps to their previous definitions.")
  public static final class Rollback extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--force", description = "Abandon the deployment where it stands instead of rolling back")
    boolean force;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      List<String> apps = new ArrayList<>();
      for (JsonNode d : api().get(AppsOps.V2 + "/deployments")) {
        if (d.path("id").asText().equals(id)) {
          apps.addAll(texts(d.path("affectedApps")));
        }
      }
      String path = AppsOps.V2 + "/deployments/" + MasterClient.enc(id) + (force ? "?force=true" : "");
      if (force) {
        api().send("DELETE", path, null);
        out().println("deployment " + id + " abandoned");
        out().flush();
        return ExitCodes.OK;
      }
      return wait.run(this, apps, () -> api().send("DELETE", path, null));
    }
  }
}
