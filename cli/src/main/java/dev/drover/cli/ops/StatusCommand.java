package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code drover status}: the leader, the masters, agents by state, resources used of total, frameworks. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "The cluster at a glance: leader, masters, agents, resources, frameworks, tasks.")
public final class StatusCommand extends OpsCommand {
  @Override
  protected int execute() {
    JsonNode state = api().get("/api/v1/state");
    ObjectNode summary = summarize(state, api().baseUrl());
    summary.put("appsLeader", frameworkLeader("/frameworks/apps/v2/leader"));
    summary.put("jobsLeader", frameworkLeader("/frameworks/jobs/leader"));
    return print(summary, () -> table(summary));
  }

  /** The framework leader's {@code host:port} as it answers through the master's proxy, or null when none does. */
  private String frameworkLeader(String path) {
    try {
      MasterClient.Response r = api().exchange("GET", path, null);
      return r.status() == 200 ? r.body().path("leader").asText(null) : null;
    } catch (ApiException e) {
      return null;
    }
  }

  static ObjectNode summarize(JsonNode state, String url) {
    ObjectNode s = MasterClient.JSON.createObjectNode();
    JsonNode leader = state.path("leader");
    s.put("leader", leader.isMissingNode() || leader.isNull() ? null
        : leader.path("host").asText() + ":" + leader.path("httpPort").asText());
    s.put("leaderId", leader.path("id").asText(null));
    s.put("url", url);
    s.put("masters", state.path("masters").size());
    Map<String, Integer> agents = new TreeMap<>();
    Map<String, Double> total = new TreeMap<>();
    Map<String, Double> used = new TreeMap<>();
    for (JsonNode a : state.path("agents")) {
      agents.merge(a.path("state").asText("UNKNOWN"), 1, Integer::sum);
      add(total, a.path("resources"));
      add(used, a.path("used"));
    }
    s.set("agents", MasterClient.JSON.valueToTree(agents));
    ObjectNode res = s.putObject("resources");
    total.forEach((k, v) -> res.putObject(k).put("used", used.getOrDefault(k, 0.0)).put("total", v));
    Map<String, Integer> tasks = new TreeMap<>();
    state.path("tasks").forEach(t -> tasks.merge(t.path("state").asText(), 1, Integer::sum));
    s.set("tasks", MasterClient.JSON.valueToTree(tasks));
    var fws = s.putArray("frameworks");
    for (JsonNode f : state.path("frameworks")) {
      fws.addObject().put("id", f.path("id").asText()).put("name", f.path("name").asText())
          .put("active", f.path("active").asBoolean()).put("tasks", f.path("tasks").asInt());
    }
    return s;
  }

  private static void add(Map<String, Double> into, JsonNode resources) {
    resources.fields().forEachRemaining(e -> {
      if (e.getValue().isNumber()) {
        into.merge(e.getKey(), e.getValue().asDouble(), Double::sum);
      }
    });
  }

  static Table table(ObjectNode s) {
    Table t = new Table("WHAT", "VALUE");
    t.row("leader", s.path("leader").asText("none") + "  (" + s.path("leaderId").asText("") + ")");
    t.row("masters", s.path("masters").asInt());
    t.row("agents", counts(s.path("agents")));
    s.path("resources").fields().forEachRemaining(e -> t.row(e.getKey(),
        number(e.getValue().path("used")) + " / " + number(e.getValue().path("total")) + " used"));
    t.row("tasks", counts(s.path("tasks")));
    if (s.has("appsLeader")) {
      t.row("apps", s.path("appsLeader").asText("no leader (drover apps not running?)"));
      t.row("jobs", s.path("jobsLeader").asText("no leader (drover jobs not running?)"));
    }
    for (JsonNode f : s.path("frameworks")) {
      t.row("framework", f.path("name").asText() + " " + f.path("id").asText()
          + (f.path("active").asBoolean() ? " active" : " inactive") + ", " + f.path("tasks").asInt() + " tasks");
    }
    return t;
  }

  static String counts(JsonNode byState) {
    StringBuilder b = new StringBuilder();
    int sum = 0;
    for (var it = byState.fields(); it.hasNext(); ) {
      var e = it.next();
      sum += e.getValue().asInt();
      b.append(b.length() > 0 ? ", " : "").append(e.getValue().asInt()).append(' ').append(e.getKey());
    }
    return sum + (b.length() > 0 ? " (" + b + ")" : "");
  }
}
