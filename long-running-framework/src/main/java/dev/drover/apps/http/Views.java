package dev.drover.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.AppEvent;
import dev.drover.apps.runtime.DeploymentView;
import dev.drover.apps.runtime.QueueView;
import dev.drover.apps.runtime.TaskFailure;
import dev.drover.apps.runtime.TaskView;
import dev.drover.apps.validation.Violation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Renders the API's objects in Marathon's JSON shapes. Stateless. */
final class Views {
  private Views() {}

  static ObjectNode message(String message) {
    return AppJson.MAPPER.createObjectNode().put("message", message);
  }

  static ObjectNode invalid(List<Violation> details) {
    ObjectNode o = message("Object is not valid");
    o.set("details", AppJson.tree(details));
    return o;
  }

  static ObjectNode change(String version, String deploymentId) {
    return AppJson.MAPPER.createObjectNode().put("version", version).put("deploymentId", deploymentId);
  }

  /** An app with counts and deployments, plus tasks and lastTaskFailure when embedded. */
  static ObjectNode app(AppDefinition app, Collection<TaskView> tasks, Collection<DeploymentView> deployments,
      TaskFailure failure, Set<String> embed) {
    ObjectNode o = (ObjectNode) AppJson.tree(app);
    int staged = 0;
    int running = 0;
    int healthy = 0;
    int unhealthy = 0;
    for (TaskView t : tasks) {
      staged += t.state().equals("TASK_STAGING") || t.state().equals("TASK_STARTING") ? 1 : 0;
      running += t.state().equals("TASK_RUNNING") ? 1 : 0;
      healthy += t.healthy().orElse(false) ? 1 : 0;
      unhealthy += t.healthy().map(h -> !h).orElse(false) ? 1 : 0;
    }
    o.put("tasksStaged", staged).put("tasksRunning", running).put("tasksHealthy", healthy)
        .put("tasksUnhealthy", unhealthy);
    ArrayNode ds = o.putArray("deployments");
    deployments.stream().filter(d -> d.affectedApps().contains(app.id()))
        .forEach(d -> ds.addObject().put("id", d.id()));
    if (embed.contains("apps.tasks") || embed.contains("app.tasks")) {
      ArrayNode ts = o.putArray("tasks");
      tasks.forEach(t -> ts.add(task(t)));
    }
    if ((embed.contains("apps.lastTaskFailure") || embed.contains("app.lastTaskFailure")) && failure != null) {
      o.set("lastTaskFailure", failure(failure));
    }
    return o;
  }

  static ObjectNode task(TaskView t) {
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("id", t.id()).put("appId", t.appId())
        .put("host", t.host()).put("slaveId", t.agentId()).put("state", t.state()).put("version", t.version());
    ArrayNode ports = o.putArray("ports");
    t.ports().forEach(ports::add);
    o.putArray("servicePorts");
    o.put("stagedAt", t.stagedAt());
    o.put("startedAt", t.startedAt());
    ArrayNode ip = o.putArray("ipAddresses");
    if (t.host() != null) {
      ip.addObject().put("ipAddress", t.host()).put("protocol", "IPv4");
    }
    ArrayNode hc = o.putArray("healthCheckResults");
    t.healthy().ifPresent(h -> hc.addObject().put("alive", h).put("taskId", t.id())
        .put("consecutiveFailures", h ? 0 : 1));
    return o;
  }

  static ObjectNode failure(TaskFailure f) {
    return AppJson.MAPPER.createObjectNode().put("appId", f.appId()).put("taskId", f.taskId())
        .put("state", f.state()).put("message", f.message()).put("host", f.host()).put("slaveId", f.agentId())
        .put("timestamp", time(f.timestamp())).put("version", f.version());
  }

  static ObjectNode deployment(DeploymentView d) {
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("id", d.id()).put("version", d.version());
    ArrayNode apps = o.putArray("affectedApps");
    d.affectedApps().forEach(apps::add);
    o.putArray("affectedPods");
    ArrayNode steps = o.putArray("steps");
    for (List<DeploymentView.Action> step : d.steps()) {
      steps.addObject().set("actions", actions(step));
    }
    List<DeploymentView.Action> current = d.currentStep() >= 1 && d.currentStep() <= d.steps().size()
        ? d.steps().get(d.currentStep() - 1) : List.of();
    o.set("currentActions", actions(current));
    o.put("currentStep", d.currentStep()).put("totalSteps", d.steps().size());
    return o;
  }

  private static ArrayNode actions(List<DeploymentView.Action> actions) {
    ArrayNode a = AppJson.MAPPER.createArrayNode();
    actions.forEach(x -> a.addObject().put("action", x.action()).put("app", x.app()));
    return a;
  }

  static ObjectNode queue(QueueView q, AppDefinition app) {
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("count", q.count()).put("since", time(q.since()));
    o.putObject("delay").put("timeLeftSeconds", q.delaySecondsLeft()).put("overdue", q.overdue());
    ObjectNode summary = o.putObject("processedOffersSummary").put("processedOffersCount", q.processedOffers())
        .put("unusedOffersCount", q.unusedOffers());
    ArrayNode reasons = summary.putArray("rejectSummaryLastOffers");
    q.rejections().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
        reasons.addObject().put("reason", e.getKey()).put("declined", e.getValue())
            .put("processed", q.processedOffers()));
    o.set("lastUnusedOfferReasons", AppJson.tree(q.lastReasons()));
    if (app != null) {
      o.set("app", AppJson.tree(app));
    }
    return o;
  }

  static ObjectNode event(AppEvent e) {
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("eventType", e.eventType())
        .put("timestamp", e.timestamp());
    e.fields().forEach((k, v) -> o.set(k, v instanceof JsonNode n ? n : AppJson.tree(v)));
    return o;
  }

  static String time(Instant i) {
    return i == null ? null : i.toString();
  }
}
