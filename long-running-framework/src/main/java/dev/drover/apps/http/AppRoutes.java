package dev.drover.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.api.ApiException;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.api.Outcome;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.DeploymentView;
import dev.drover.apps.runtime.TaskView;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /v2/apps} and everything below it. App ids contain slashes, so one handler splits the known suffixes
 * ({@code /restart}, {@code /tasks[/{taskId}]}, {@code /versions[/{version}]}) off the path; a suffix counts only when
 * what precedes it is an existing app or the whole path is not one.
 */
final class AppRoutes {
  private static final Pattern SUFFIX = Pattern.compile("^(/.+?)/(restart|tasks|versions)(?:/([^/]+))?$");

  private final AppsApi api;
  private final Exec exec;
  private final AppListWriter listWriter = new AppListWriter();

  AppRoutes(AppsApi api, Exec exec) {
    this.api = api;
    this.exec = exec;
  }

  void handle(RoutingContext ctx) {
    String rest = ctx.request().path().substring("/v2/apps".length());
    while (rest.endsWith("/") && rest.length() > 0) {
      rest = rest.substring(0, rest.length() - 1);
    }
    HttpMethod m = ctx.request().method();
    boolean force = Exec.flag(ctx, "force");
    if (rest.isEmpty()) {
      root(ctx, m, force);
      return;
    }
    String path = AppIds.resolve(rest, "/").orElse(rest);
    Matcher s = SUFFIX.matcher(rest);
    if (s.matches() && (api.apps().get(s.group(1)).isPresent() || api.apps().get(path).isEmpty())) {
      String id = AppIds.resolve(s.group(1), "/").orElse(s.group(1));
      suffix(ctx, m, id, s.group(2), s.group(3), force);
      return;
    }
    switch (m.name()) {
      case "GET" -> exec.read(ctx, () -> Reply.ok(single(path)));
      case "PUT", "PATCH" -> {
        boolean partial = m == HttpMethod.PATCH || !"false".equals(ctx.queryParams().get("partialUpdate"));
        exec.write(ctx, () -> {
          boolean exists = api.apps().get(path).isPresent();
          if (!exists && m == HttpMethod.PATCH) {
            throw new ApiException(404, "App '" + path + "' does not exist");
          }
          return changed(api.update(path, Exec.body(ctx), partial && exists, force));
        });
      }
      case "DELETE" -> exec.write(ctx, () -> changed(api.delete(path, force)));
      default -> Exec.send(ctx, Reply.of(405, Views.message("Method not allowed")));
    }
  }

  private void root(RoutingContext ctx, HttpMethod m, boolean force) {
    switch (m.name()) {
      case "GET" -> exec.read(ctx, () -> Reply.okRaw(list(ctx)));
      case "POST" -> exec.write(ctx, () -> {
        Outcome o = api.create(Exec.body(ctx), force);
        AppDefinition app = o.apps().get(0);
        ObjectNode body = view(app, Set.of());
        return new Reply(201, body, Map.of("Location", "/v2/apps" + app.id(), "Marathon-Deployment-Id",
            o.deploymentId(), "Drover-Deployment-Id", o.deploymentId()));
      });
      case "PUT", "PATCH" -> exec.write(ctx, () -> changed(api.updateMany(Exec.body(ctx),
          m == HttpMethod.PATCH || !"false".equals(ctx.queryParams().get("partialUpdate")), force)));
      default -> Exec.send(ctx, Reply.of(405, Views.message("Method not allowed")));
    }
  }

  private void suffix(RoutingContext ctx, HttpMethod m, String id, String what, String arg, boolean force) {
    boolean scale = Exec.flag(ctx, "scale");
    boolean wipe = Exec.flag(ctx, "wipe");
    switch (what + ":" + m.name() + (arg == null ? "" : ":arg")) {
      case "restart:POST" -> exec.write(ctx, () -> changed(api.restart(id, force)));
      case "tasks:GET" -> exec.read(ctx, () -> {
        app(id);
        ObjectNode o = AppJson.MAPPER.createObjectNode();
        ArrayNode ts = o.putArray("tasks");
        tasksOf(id).forEach(t -> ts.add(Views.task(t)));
        return Reply.ok(o);
      });
      case "tasks:DELETE" -> exec.write(ctx, () ->
          killed(api.killTasks(id, null, ctx.queryParams().get("host"), scale, wipe, force), false));
      case "tasks:GET:arg" -> exec.read(ctx, () -> {
        app(id);
        TaskView t = tasksOf(id).stream().filter(x -> x.id().equals(arg)).findFirst()
            .orElseThrow(() -> new ApiException(404, "Task '" + arg + "' does not exist"));
        ObjectNode o = AppJson.MAPPER.createObjectNode();
        o.set("task", Views.task(t));
        return Reply.ok(o);
      });
      case "tasks:DELETE:arg" -> exec.write(ctx, () ->
          killed(api.killTasks(id, List.of(arg), null, scale, wipe, force), true));
      case "versions:GET" -> exec.read(ctx, () -> {
        app(id);
        ObjectNode o = AppJson.MAPPER.createObjectNode();
        o.set("versions", AppJson.tree(api.apps().versions(id)));
        return Reply.ok(o);
      });
      case "versions:GET:arg" -> exec.read(ctx, () -> {
        app(id);
        return Reply.ok(AppJson.tree(api.apps().version(id, arg).orElseThrow(() ->
            new ApiException(404, "App '" + id + "' does not exist in version " + arg))));
      });
      default -> Exec.send(ctx, Reply.of(405, Views.message("Method not allowed")));
    }
  }

  private Reply killed(AppsApi.KillResult r, boolean single) {
    if (r.scaled() != null) {
      return changed(r.scaled());
    }
    ObjectNode o = AppJson.MAPPER.createObjectNode();
    if (single && r.tasks().size() == 1) {
      o.set("task", Views.task(r.tasks().get(0)));
    } else {
      ArrayNode ts = o.putArray("tasks");
      r.tasks().forEach(t -> ts.add(Views.task(t)));
    }
    return Reply.ok(o);
  }

  static Reply changed(Outcome o) {
    Map<String, String> headers = o.deploymentId() == null ? Map.of()
        : Map.of("Marathon-Deployment-Id", o.deploymentId(), "Drover-Deployment-Id", o.deploymentId());
    return new Reply(o.created() ? 201 : 200, Views.change(o.version(), o.deploymentId()), headers);
  }

  private JsonNode single(String id) {
    ObjectNode o = AppJson.MAPPER.createObjectNode();
    o.set("app", view(app(id), Set.of("apps.tasks", "apps.lastTaskFailure")));
    return o;
  }

  private io.vertx.core.buffer.Buffer list(RoutingContext ctx) {
    Set<String> embed = new HashSet<>(ctx.queryParams().getAll("embed"));
    String idFilter = ctx.queryParams().get("id");
    String cmdFilter = ctx.queryParams().get("cmd");
    String label = ctx.queryParams().get("label");
    var labels = label == null ? null : LabelSelector.parse(label);
    Map<String, List<TaskView>> tasks = api.runtime().tasks().stream()
        .collect(Collectors.groupingBy(TaskView::appId));
    List<AppDefinition> apps = api.apps().all().stream()
        .filter(a -> (idFilter == null || a.id().contains(idFilter)) && (labels == null || labels.test(a.labels()))
            && (cmdFilter == null || (a.cmd() != null && a.cmd().contains(cmdFilter)))).toList();
    return listWriter.write(apps, tasks, api.runtime().deployments(),
        id -> api.runtime().lastTaskFailure(id).orElse(null), embed);
  }

  private ObjectNode view(AppDefinition app, Set<String> embed) {
    return Views.app(app, tasksOf(app.id()), api.runtime().deployments(),
        api.runtime().lastTaskFailure(app.id()).orElse(null), embed);
  }

  private AppDefinition app(String id) {
    return api.apps().get(id).orElseThrow(() -> new ApiException(404, "App '" + id + "' does not exist"));
  }

  private List<TaskView> tasksOf(String id) {
    return api.runtime().tasks().stream().filter(t -> t.appId().equals(id)).toList();
  }
}
