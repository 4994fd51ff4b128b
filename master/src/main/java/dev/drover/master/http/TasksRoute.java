package dev.drover.master.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.state.StateSnapshot;
import dev.drover.model.TaskState;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/tasks?framework=&agent=&state=&offset=&limit=}: the tasks that match every given filter, in
 * the master's order, one page of them, with the total that matched.
 */
final class TasksRoute {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private final StateJson render;
  private final Supplier<StateSnapshot> snapshot;

  TasksRoute(StateJson render, Supplier<StateSnapshot> snapshot) {
    this.render = render;
    this.snapshot = snapshot;
  }

  void handle(RoutingContext ctx) {
    String framework = ctx.request().getParam("framework");
    String agent = ctx.request().getParam("agent");
    TaskState state = state(ctx.request().getParam("state"));
    int offset = Replies.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Replies.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    List<StateSnapshot.TaskView> matched = snapshot.get().tasks().stream()
        .filter(t -> framework == null || framework.isBlank() || t.frameworkId().equals(framework))
        .filter(t -> agent == null || agent.isBlank() || t.agentId().equals(agent))
        .filter(t -> state == null || t.state() == state)
        .toList();
    List<StateSnapshot.TaskView> page = offset >= matched.size() ? List.of()
        : matched.subList(offset, Math.min(matched.size(), offset + limit));
    ObjectNode body = Replies.JSON.createObjectNode();
    body.put("total", matched.size()).put("offset", offset).put("limit", limit);
    ArrayNode tasks = render.tasks(page);
    body.set("tasks", tasks);
    Replies.send(ctx, 200, body);
  }

  /** TASK_RUNNING or RUNNING, any case; null when absent. */
  static TaskState state(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String name = v.trim().toUpperCase(Locale.ROOT);
    name = name.startsWith("TASK_") ? name.substring(5) : name;
    try {
      return TaskState.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new Replies.BadRequest("state", "state must be a task state such as TASK_RUNNING, not '" + v + "'");
    }
  }
}
