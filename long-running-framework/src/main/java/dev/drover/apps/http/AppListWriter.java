package dev.drover.apps.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.DeploymentView;
import dev.drover.apps.runtime.TaskFailure;
import dev.drover.apps.runtime.TaskView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Streams {@code GET /v2/apps} (the same JSON as {@link Views#app}) with one generator: each app's definition is
 * serialized once per version and spliced in, tasks are written field by field, no tree is built. This is the hot
 * read path (thousands of apps × tasks). Thread-safe.
 */
final class AppListWriter {
  private record Cached(AppDefinition app, String inner) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  io.vertx.core.buffer.Buffer write(Collection<AppDefinition> apps, Map<String, List<TaskView>> tasks,
      List<DeploymentView> deployments, Function<String, TaskFailure> failures, Set<String> embed) {
    boolean withTasks = embed.contains("apps.tasks") || embed.contains("app.tasks");
    boolean withFailure = embed.contains("apps.lastTaskFailure") || embed.contains("app.lastTaskFailure");
    ChunkedBytes out = new ChunkedBytes();
    try (JsonGenerator g = AppJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("apps");
      for (AppDefinition a : apps) {
        g.writeStartObject();
        g.writeRaw(inner(a));
        g.writeRaw(',');  // the generator does not know about the spliced fields: the next field writes no comma
        List<TaskView> ts = tasks.getOrDefault(a.id(), List.of());
        counts(g, ts);
        g.writeArrayFieldStart("deployments");
        for (DeploymentView d : deployments) {
          if (d.affectedApps().contains(a.id())) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeEndObject();
          }
        }
        g.writeEndArray();
        if (withTasks) {
          g.writeArrayFieldStart("tasks");
          for (TaskView t : ts) {
            task(g, t);
          }
          g.writeEndArray();
        }
        TaskFailure f = withFailure ? failures.apply(a.id()) : null;
        if (f != null) {
          g.writeFieldName("lastTaskFailure");
          g.writeTree(Views.failure(f));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cache.keySet().retainAll(apps.stream().map(AppDefinition::id).toList());
    return out.toBuffer();
  }

  private String inner(AppDefinition a) {
    Cached c = cache.get(a.id());
    if (c == null || c.app() != a) {
      String json = AppJson.write(a);
      c = new Cached(a, json.substring(1, json.length() - 1));
      cache.put(a.id(), c);
    }
    return c.inner();
  }

  private static void counts(JsonGenerator g, List<TaskView> ts) throws IOException {
    int staged = 0;
    int running = 0;
    int healthy = 0;
    int unhealthy = 0;
    for (TaskView t : ts) {
      staged += t.state().equals("TASK_STAGING") || t.state().equals("TASK_STARTING") ? 1 : 0;
      running += t.state().equals("TASK_RUNNING") ? 1 : 0;
      healthy += t.healthy().orElse(false) ? 1 : 0;
      unhealthy += t.healthy().map(h -> !h).orElse(false) ? 1 : 0;
    }
    g.writeNumberField("tasksStaged", staged);
    g.writeNumberField("tasksRunning", running);
    g.writeNumberField("tasksHealthy", healthy);
    g.writeNumberField("tasksUnhealthy", unhealthy);
  }

  private static void task(JsonGenerator g, TaskView t) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", t.id());
    g.writeStringField("appId", t.appId());
    g.writeStringField("host", t.host());
    g.writeStringField("slaveId", t.agentId());
    g.writeStringField("state", t.state());
    g.writeStringField("version", t.version());
    g.writeArrayFieldStart("ports");
    for (Integer p : t.ports()) {
      g.writeNumber(p);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("servicePorts");
    g.writeEndArray();
    g.writeStringField("stagedAt", t.stagedAt());
    g.writeStringField("startedAt", t.startedAt());
    g.writeArrayFieldStart("ipAddresses");
    if (t.host() != null) {
      g.writeStartObject();
      g.writeStringField("ipAddress", t.host());
      g.writeStringField("protocol", "IPv4");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("healthCheckResults");
    if (t.healthy().isPresent()) {
      g.writeStartObject();
      g.writeBooleanField("alive", t.healthy().get());
      g.writeStringField("taskId", t.id());
      g.writeNumberField("consecutiveFailures", t.healthy().get() ? 0 : 1);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
