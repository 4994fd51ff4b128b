package dev.drover.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.api.ApiException;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.api.Outcome;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.TaskView;
import dev.drover.apps.validation.InvalidException;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code /v2/deployments}, {@code /v2/tasks}, {@code /v2/tasks/delete} and {@code /v2/queue}. */
final class RuntimeRoutes {
  private final AppsApi api;
  private final Exec exec;

  RuntimeRoutes(AppsApi api, Exec exec) {
    this.api = api;
    this.exec = exec;
  }

  void deployments(RoutingContext ctx) {
    exec.read(ctx, () -> {
      ArrayNode a = AppJson.MAPPER.createArrayNode();
      api.runtime().deployments().forEach(d -> a.add(Views.deployment(d)));
      return Reply.ok(a);
    });
  }

  void cancelDeployment(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean force = Exec.flag(ctx, "force");
    exec.write(ctx, () -> {
      Optional<Outcome> o = api.cancelDeployment(id, force);
      return o.map(AppRoutes::changed).orElse(Reply.of(202, null));
    });
  }

  void tasks(RoutingContext ctx) {
    List<String> states = ctx.queryParams().getAll("status").stream().map(s -> "TASK_" + s.toUpperCase()).toList();
    exec.read(ctx, () -> {
      ObjectNode o = AppJson.MAPPER.createObjectNode();
      ArrayNode ts = o.putArray("tasks");
      api.runtime().tasks().stream().filter(t -> states.isEmpty() || states.contains(t.state()))
          .forEach(t -> ts.add(Views.task(t)));
      return Reply.ok(o);
    });
  }

  /** POST /v2/tasks/delete {"ids": [...]}: kills tasks of any apps; with scale, each app shrinks. */
  void deleteTasks(RoutingContext ctx) {
    boolean scale = Exec.flag(ctx, "scale");
    boolean wipe = Exec.flag(ctx, "wipe");
    boolean force = Exec.flag(ctx, "force");
    exec.write(ctx, () -> {
      JsonNode body = Exec.body(ctx);
      if (body == null || !body.path("ids").isArray()) {
        throw InvalidException.at("/ids", "must be an array of task ids");
      }
      List<String> ids = new ArrayList<>();
      body.get("ids").forEach(i -> ids.add(i.asText()));
      Map<String, List<String>> byApp = api.runtime().tasks().stream().filter(t -> ids.contains(t.id()))
          .collect(Collectors.groupingBy(TaskView::appId, Collectors.mapping(TaskView::id, Collectors.toList())));
      if (byApp.isEmpty()) {
        throw new ApiException(404, "No task among " + ids + " exists");
      }
      Outcome last = null;
      ObjectNode o = AppJson.MAPPER.createObjectNode();
      ArrayNode ts = o.putArray("tasks");
      for (var e : byApp.entrySet()) {
        AppsApi.KillResult r = api.killTasks(e.getKey(), e.getValue(), null, scale, wipe, force);
        r.tasks().forEach(t -> ts.add(Views.task(t)));
        last = r.scaled() == null ? last : r.scaled();
      }
      return last != null ? AppRoutes.changed(last) : Reply.ok(o);
    });
  }

  void queue(RoutingContext ctx) {
    exec.read(ctx, () -> {
      ObjectNode o = AppJson.MAPPER.createObjectNode();
      ArrayNode q = o.putArray("queue");
      api.runtime().queue().forEach(e -> q.add(Views.queue(e, api.apps().get(e.appId()).orElse(null))));
      return Reply.ok(o);
    });
  }

  /** DELETE /v2/queue/{appId}/delay. */
  void resetDelay(RoutingContext ctx) {
    String path = ctx.request().path();
    String raw = path.substring("/v2/queue".length(), path.length() - "/delay".length());
    String id = AppIds.resolve(raw, "/").orElse(raw);
    exec.write(ctx, () -> {
      if (api.apps().get(id).isEmpty()) {
        throw new ApiException(404, "App '" + id + "' does not exist");
      }
      if (!api.runtime().resetDelay(id)) {
        throw new ApiException(404, "Application " + id + " not found in tasks queue.");
      }
      return Reply.of(204, null);
    });
  }
}
