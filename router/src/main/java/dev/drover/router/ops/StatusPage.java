package dev.drover.router.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.router.routing.AppRoute;
import dev.drover.router.routing.Backend;
import dev.drover.router.routing.Balancer;
import dev.drover.router.routing.Pool;
import dev.drover.router.routing.RoutingTable;
import dev.drover.router.sync.AppsFollower;
import java.util.Map;

/**
 * Renders the status page: the follower's connection, every route (service ports and virtual hosts) with its ready
 * backends and their connections in flight, every known instance and why it is or is not ready, and conflicts.
 * As JSON ({@code /status.json}) and as a plain HTML page ({@code /}). Stateless.
 */
public final class StatusPage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPage() {}

  /** The status as JSON. */
  public static ObjectNode json(AppsFollower.Status follower, RoutingTable table, Map<String, AppRoute> apps,
      Map<String, Backend> backends, Map<Integer, String> ports, Balancer balancer) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("apps").put("endpoint", follower.endpoint()).put("connected", follower.connected())
        .put("lastResync", follower.lastResync() == null ? null : follower.lastResync().toString())
        .put("events", follower.events()).put("resyncs", follower.resyncs());
    ArrayNode tcp = root.putArray("tcp");
    table.tcp().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      ObjectNode r = tcp.addObject().put("servicePort", e.getKey())
          .put("listener", ports.getOrDefault(e.getKey(), "opening"));
      pool(r, e.getValue(), balancer);
    });
    ArrayNode http = root.putArray("http");
    for (RoutingTable.HttpRoute route : table.httpRoutes()) {
      pool(http.addObject().put("host", route.host()).put("pathPrefix", route.pathPrefix()), route.pool(), balancer);
    }
    ArrayNode instances = root.putArray("instances");
    backends.values().forEach(b -> {
      AppRoute a = apps.get(b.appId());
      boolean hc = a != null && a.healthChecked();
      ObjectNode i = instances.addObject().put("taskId", b.taskId()).put("appId", b.appId()).put("host", b.host())
          .put("running", b.running()).put("draining", b.draining()).put("ready", b.ready(hc));
      if (b.healthy() != null) {
        i.put("healthy", b.healthy());
      }
      b.ports().forEach(i.putArray("ports")::add);
    });
    table.conflicts().forEach(root.putArray("conflicts")::add);
    return root;
  }

  private static void pool(ObjectNode r, Pool p, Balancer balancer) {
    r.put("app", p.appId()).put("portIndex", p.portIndex()).put("balance", p.balance().name().toLowerCase());
    ArrayNode targets = r.putArray("backends");
    p.targets().forEach(t -> targets.addObject().put("taskId", t.taskId()).put("address", t.address())
        .put("active", balancer.active(t.address())).put("ejected", balancer.ejected(t.address())));
  }

  /** The status as a small HTML page. */
  public static String html(ObjectNode s) {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Drover router"
        + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
        + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head><body><h1>Drover router</h1>");
    var apps = s.path("apps");
    b.append("<p>Apps framework: ").append(esc(apps.path("endpoint").asText("none known"))).append(" — ")
        .append(apps.path("connected").asBoolean() ? "connected" : "<b>not connected</b>").append(", last resync ")
        .append(esc(apps.path("lastResync").asText("never"))).append("</p>");
    b.append("<h2>TCP service ports</h2><table><tr><th>port</th><th>app</th><th>balance</th><th>listener</th>"
        + "<th>backends (active)</th></tr>");
    s.path("tcp").forEach(r -> b.append("<tr><td>").append(r.path("servicePort").asInt()).append("</td><td>")
        .append(esc(r.path("app").asText())).append("</td><td>").append(r.path("balance").asText())
        .append("</td><td>").append(esc(r.path("listener").asText())).append("</td><td>").append(targets(r))
        .append("</td></tr>"));
    b.append("</table><h2>HTTP routes</h2><table><tr><th>host</th><th>path prefix</th><th>app</th><th>balance</th>"
        + "<th>backends (active)</th></tr>");
    s.path("http").forEach(r -> b.append("<tr><td>").append(esc(r.path("host").asText())).append("</td><td>")
        .append(esc(r.path("pathPrefix").asText())).append("</td><td>").append(esc(r.path("app").asText()))
        .append("</td><td>").append(r.path("balance").asText()).append("</td><td>").append(targets(r))
        .append("</td></tr>"));
    b.append("</table><h2>Instances</h2><table><tr><th>task</th><th>app</th><th>host</th><th>ports</th>"
        + "<th>ready</th><th>why not</th></tr>");
    s.path("instances").forEach(i -> {
      String why = !i.path("running").asBoolean() ? "not running" : i.path("draining").asBoolean() ? "draining"
          : i.path("ready").asBoolean() ? "" : "not healthy";
      b.append("<tr><td>").append(esc(i.path("taskId").asText())).append("</td><td>")
          .append(esc(i.path("appId").asText())).append("</td><td>").append(esc(i.path("host").asText()))
          .append("</td><td>").append(esc(i.path("ports").toString())).append("</td><td>")
          .append(i.path("ready").asBoolean() ? "yes" : "no").append("</td><td>").append(why).append("</td></tr>");
    });
    b.append("</table>");
    if (s.has("conflicts") && !s.path("conflicts").isEmpty()) {
      b.append("<h2>Conflicts</h2><ul>");
      s.path("conflicts").forEach(c -> b.append("<li>").append(esc(c.asText())).append("</li>"));
      b.append("</ul>");
    }
    return b.append("<p><a href=\"/status.json\">status.json</a> · <a href=\"/metrics\">metrics</a></p>"
        + "</body></html>").toString();
  }

  private static String targets(com.fasterxml.jackson.databind.JsonNode r) {
    StringBuilder b = new StringBuilder();
    r.path("backends").forEach(t -> b.append(b.length() == 0 ? "" : "<br>").append(esc(t.path("address").asText()))
        .append(" (").append(t.path("active").asInt()).append(")")
        .append(t.path("ejected").asBoolean() ? " <b>ejected</b>" : ""));
    return b.length() == 0 ? "<b>none ready</b>" : b.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
