package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover agents [drain|undrain ID]}: the agents with resources and maintenance state; drain and undrain. */
@Command(name = "agents", mixinStandardHelpOptions = true,
    description = "List agents; drain or undrain one.",
    subcommands = {AgentsCommand.Drain.class, AgentsCommand.Undrain.class})
public final class AgentsCommand extends OpsCommand {
  @Override
  protected int execute() {
    JsonNode agents = api().get("/api/v1/agents").path("agents");
    Map<String, String> maintenance = new HashMap<>();
    for (JsonNode m : api().get("/api/v1/maintenance").path("agents")) {
      maintenance.put(m.path("agentId").asText(), m.path("state").asText());
    }
    for (JsonNode a : agents) {
      ((ObjectNode) a).put("maintenance", maintenance.get(a.path("id").asText()));
    }
    return print(agents, () -> table(agents));
  }

  static Table table(JsonNode agents) {
    Table t = new Table("ID", "HOSTNAME", "STATE", "MAINTENANCE", "USED", "TOTAL", "ATTRIBUTES");
    for (JsonNode a : agents) {
      t.row(a.path("id").asText(), a.path("hostname").asText() + ":" + a.path("port").asText(),
          a.path("state").asText(), a.path("maintenance").asText(""), resources(a.path("used")),
          resources(a.path("resources")), attributes(a.path("attributes")));
    }
    return t;
  }

  private static String attributes(JsonNode attrs) {
    StringBuilder s = new StringBuilder();
    attrs.fields().forEachRemaining(e -> s.append(s.length() > 0 ? ";" : "").append(e.getKey()).append(':')
        .append(e.getValue().asText()));
    return s.toString();
  }

  /** {@code drover agents drain}: see the command's description. */
  @Command(name = "drain", mixinStandardHelpOptions = true,
      description = "Stop offering an agent; with --kill, kill its tasks after the grace period.")
  public static final class Drain extends OpsCommand {
    @Parameters(paramLabel = "ID", description = "The agent's id")
    String id;

    @Option(names = "--grace-period", description = "Seconds before --kill kills the tasks (default: "
        + "${DEFAULT-VALUE})", defaultValue = "0")
    int gracePeriod;

    @Option(names = "--kill", description = "Kill the agent's tasks after the grace period")
    boolean kill;

    @Override
    protected int execute() {
      ObjectNode body = MasterClient.JSON.createObjectNode().put("agentId", id)
          .put("gracePeriodSeconds", gracePeriod).put("kill", kill);
      JsonNode r = api().send("POST", "/api/v1/maintenance/drain", body.toString()).body();
      return print(r, () -> new Table("AGENT", "STATE", "LIVE TASKS").row(r.path("agentId").asText(id),
          r.path("state").asText(), r.path("liveTasks").asText()));
    }
  }

  /** {@code drover agents undrain}: see the command's description. */
  @Command(name = "undrain", mixinStandardHelpOptions = true, description = "Offer a drained agent again.")
  public static final class Undrain extends OpsCommand {
    @Parameters(paramLabel = "ID", description = "The agent's id")
    String id;

    @Override
    protected int execute() {
      String body = MasterClient.JSON.createObjectNode().put("agentId", id).toString();
      JsonNode r = api().send("POST", "/api/v1/maintenance/undrain", body).body();
      return print(r, () -> new Table("AGENT", "STATE").row(id, "ACTIVE"));
    }
  }
}
