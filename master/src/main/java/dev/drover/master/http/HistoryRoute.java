package dev.drover.master.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.state.StateSnapshot;
import dev.drover.master.task.TaskHistory;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/tasks/:frameworkId/:taskId/history}: the task as the master holds it now ({@code task}, null
 * once forgotten) and the states this master saw it pass through ({@code history}: {state, agentId, time}). 404 when
 * the master neither holds the task nor saw it.
 */
final class HistoryRoute {
  private final TaskHistory history;
  private final Supplier<StateSnapshot> snapshot;

  HistoryRoute(TaskHistory history, Supplier<StateSnapshot> snapshot) {
    this.history = history;
    this.snapshot = snapshot;
  }

  void handle(RoutingContext ctx) {
    String frameworkId = ctx.pathParam("frameworkId");
    String taskId = ctx.pathParam("taskId");
    Optional<StateSnapshot.TaskView> now = snapshot.get().tasks().stream()
        .filter(t -> t.frameworkId().equals(frameworkId) && t.id().equals(taskId)).findFirst();
    List<TaskHistory.Entry> seen = history.of(frameworkId, taskId);
    if (now.isEmpty() && seen.isEmpty()) {
      Replies.error(ctx, 404, "taskId", "no task '" + taskId + "' of framework '" + frameworkId + "' is known");
      return;
    }
    ObjectNode body = Replies.JSON.createObjectNode();
    body.put("frameworkId", frameworkId).put("taskId", taskId);
    if (now.isPresent()) {
      body.set("task", new StateJson(Replies.JSON).tasks(List.of(now.get())).get(0));
    } else {
      body.putNull("task");
    }
    ArrayNode list = body.putArray("history");
    for (TaskHistory.Entry e : seen) {
      list.addObject().put("state", e.state()).put("agentId", e.agentId()).put("time", e.time().toString());
    }
    Replies.send(ctx, 200, body);
  }
}
