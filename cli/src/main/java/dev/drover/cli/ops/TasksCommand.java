package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover tasks [--state S] [--app ID]}: the tasks the leading master holds. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List the tasks the leading master holds.")
public final class TasksCommand extends OpsCommand {
  @Option(names = "--state", description = "Only tasks in this state: RUNNING or TASK_RUNNING (any case)")
  String state;

  @Option(names = "--app", description = "Only the tasks of this app of the apps framework (e.g. /web/api)")
  String app;

  @Option(names = "--framework", description = "Only this framework's tasks (its id)")
  String framework;

  @Option(names = "--agent", description = "Only the tasks on this agent (its id)")
  String agent;

  @Option(names = "--limit", description = "At most this many tasks, 1-10000 (default: ${DEFAULT-VALUE})",
      defaultValue = "1000")
  int limit;

  @Override
  protected int execute() {
    StringBuilder q = new StringBuilder("/api/v1/tasks?limit=").append(limit);
    if (state != null) {
      q.append("&state=").append(MasterClient.enc(state));
    }
    if (framework != null) {
      q.append("&framework=").append(MasterClient.enc(framework));
    }
    if (agent != null) {
      q.append("&agent=").append(MasterClient.enc(agent));
    }
    JsonNode tasks = api().get(q.toString()).path("tasks");
    if (app != null) {
      tasks = only(tasks, appTaskIds(app));
    }
    JsonNode result = tasks;
    return print(result, () -> table(result));
  }

  private Set<String> appTaskIds(String appId) {
    String path = "/frameworks/apps/v2/apps/" + AppsOps.path(appId) + "/tasks";
    Set<String> ids = new HashSet<>();
    api().get(path).path("tasks").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  static ArrayNode only(JsonNode tasks, Set<String> ids) {
    ArrayNode out = MasterClient.JSON.createArrayNode();
    tasks.forEach(t -> {
      if (ids.contains(t.path("id").asText())) {
        out.add(t);
      }
    });
    return out;
  }

  static Table table(JsonNode tasks) {
    Table t = new Table("ID", "STATE", "FRAMEWORK", "AGENT", "RESOURCES");
    tasks.forEach(task -> t.row(task.path("id").asText(), task.path("state").asText(),
        task.path("frameworkId").asText(), task.path("agentId").asText(), resources(task.path("resources"))));
    return t;
  }
}
