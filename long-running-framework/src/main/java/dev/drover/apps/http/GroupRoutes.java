package dev.drover.apps.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.api.ApiException;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.model.AppJson;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /v2/groups[/{id}]}: the group tree (built from app ids and the groups created explicitly), create,
 * replace (apps deployed in dependency order; {@code scaleBy}), delete.
 */
final class GroupRoutes {
  private final AppsApi api;
  private final Exec exec;

  GroupRoutes(AppsApi api, Exec exec) {
    this.api = api;
    this.exec = exec;
  }

  void handle(RoutingContext ctx) {
    String rest = ctx.request().path().substring("/v2/groups".length());
    String id = rest.isEmpty() || rest.equals("/") ? "/" : AppIds.resolve(rest, "/").orElse(rest);
    boolean force = Exec.flag(ctx, "force");
    switch (ctx.request().method().name()) {
      case "GET" -> exec.read(ctx, () -> Reply.ok(group(id)));
      case "POST" -> exec.write(ctx, () -> AppRoutes.changed(api.putGroup(id.equals("/") ? null : id,
          Exec.body(ctx), true, force)));
      case "PUT", "PATCH" -> exec.write(ctx, () -> AppRoutes.changed(api.putGroup(id, Exec.body(ctx), false, force)));
      case "DELETE" -> exec.write(ctx, () -> AppRoutes.changed(api.deleteGroup(id, force)));
      default -> Exec.send(ctx, Reply.of(405, Views.message("Method not allowed")));
    }
  }

  private ObjectNode group(String id) {
    List<AppDefinition> apps = api.under(id);
    Map<String, List<String>> explicit = api.groups().all();
    if (!id.equals("/") && apps.isEmpty() && !explicit.containsKey(id)) {
      throw new ApiException(404, "Group '" + id + "' does not exist");
    }
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("id", id);
    o.set("dependencies", AppJson.tree(explicit.getOrDefault(id, List.of())));
    ArrayNode direct = o.putArray("apps");
    TreeSet<String> children = new TreeSet<>();
    String version = null;
    for (AppDefinition a : apps) {
      if (AppIds.parent(a.id()).equals(id)) {
        direct.add(AppJson.tree(a));
      } else {
        children.add(child(id, a.id()));
      }
      version = version == null || a.version().compareTo(version) > 0 ? a.version() : version;
    }
    for (String g : explicit.keySet()) {
      if (!g.equals(id) && g.startsWith(id.equals("/") ? "/" : id + "/")) {
        children.add(child(id, g));
      }
    }
    ArrayNode groups = o.putArray("groups");
    children.forEach(c -> groups.add(group(c)));
    o.putArray("pods");
    o.put("version", version);
    return o;
  }

  /** The direct child group of {@code parent} that contains {@code descendant}. */
  private static String child(String parent, String descendant) {
    String prefix = parent.equals("/") ? "/" : parent + "/";
    String rest = descendant.substring(prefix.length());
    int slash = rest.indexOf('/');
    return prefix + (slash < 0 ? rest : rest.substring(0, slash));
  }
}
