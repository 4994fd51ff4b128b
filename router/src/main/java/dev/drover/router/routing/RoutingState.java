package dev.drover.router.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The router's picture of the apps framework: app routes and their instances, rebuilt from a full resync and kept
 * current by applying {@code /v2/events} events in order. Not thread-safe: one writer (the follower's context); it
 * hands out immutable {@link RoutingTable}s.
 */
public final class RoutingState {
  /** What applying an event did. */
  public enum Outcome {
    /** The table may have changed. */
    CHANGED,
    /** Nothing the router cares about changed. */
    UNCHANGED,
    /** An app definition changed (or an unknown app showed up): a full resync is needed. */
    RESYNC
  }

  private static final Set<String> STARTING = Set.of("TASK_STAGING", "TASK_STARTING");
  private static final Set<String> LIVE_CONDITIONS = Set.of("Running", "Staging", "Starting", "Provisioned");
  private static final Set<String> DEFINITION_EVENTS = Set.of("api_post_event", "deployment_info",
      "deployment_success", "deployment_failed", "deployment_step_success", "deployment_step_failure",
      "scheduler_registered_event", "scheduler_reregistered_event");

  private final Map<String, AppRoute> apps = new TreeMap<>();
  private final Map<String, Backend> backends = new TreeMap<>();

  /** Replaces everything with a full snapshot (from {@code GET /v2/apps?embed=apps.tasks}). */
  public void resync(AppsSnapshot snapshot) {
    apps.clear();
    backends.clear();
    snapshot.apps().forEach(a -> apps.put(a.appId(), a));
    snapshot.backends().forEach(b -> backends.put(b.taskId(), b));
  }

  /** Applies one event ({@code eventType} and its JSON {@code data}); unknown types change nothing. */
  public Outcome apply(String eventType, JsonNode data) {
    String taskId = data.path("taskId").asText(data.path("instanceId").asText(""));
    switch (eventType) {
      case "status_update_event" -> {
        return status(data, taskId);
      }
      case "health_status_changed_event" -> {
        Backend b = backends.get(taskId);
        if (b == null || !data.has("alive")) {
          return Outcome.UNCHANGED;
        }
        backends.put(taskId, b.withHealthy(data.path("alive").asBoolean()));
        return Outcome.CHANGED;
      }
      case "instance_draining_event", "unhealthy_instance_kill_event" -> {
        Backend b = backends.get(taskId);
        if (b == null || b.draining()) {
          return Outcome.UNCHANGED;
        }
        backends.put(taskId, b.asDraining());
        return Outcome.CHANGED;
      }
      case "instance_changed_event" -> {
        if (LIVE_CONDITIONS.contains(data.path("condition").asText())) {
          return Outcome.UNCHANGED;
        }
        return backends.remove(taskId) != null ? Outcome.CHANGED : Outcome.UNCHANGED;
      }
      case "app_terminated_event" -> {
        String appId = data.path("appId").asText();
        boolean removed = apps.remove(appId) != null;
        removed |= backends.values().removeIf(b -> b.appId().equals(appId));
        return removed ? Outcome.CHANGED : Outcome.UNCHANGED;
      }
      default -> {
        return DEFINITION_EVENTS.contains(eventType) ? Outcome.RESYNC : Outcome.UNCHANGED;
      }
    }
  }

  private Outcome status(JsonNode data, String taskId) {
    String state = data.path("taskStatus").asText();
    String appId = data.path("appId").asText();
    if (taskId.isEmpty() || appId.isEmpty()) {
      return Outcome.UNCHANGED;
    }
    Backend old = backends.get(taskId);
    if (state.equals("TASK_RUNNING") || STARTING.contains(state)) {
      List<Integer> ports = new ArrayList<>();
      data.path("ports").forEach(p -> ports.add(p.asInt()));
      String host = data.path("host").asText(old == null ? "" : old.host());
      Backend next = new Backend(taskId, appId, host, ports.isEmpty() && old != null ? old.ports() : ports,
          state.equals("TASK_RUNNING"), old == null ? null : old.healthy(), old != null && old.draining());
      backends.put(taskId, next);
      return apps.containsKey(appId) ? Outcome.CHANGED : Outcome.RESYNC;
    }
    return backends.remove(taskId) != null ? Outcome.CHANGED : Outcome.UNCHANGED;
  }

  /** The app routes known, by id. */
  public Map<String, AppRoute> apps() {
    return Map.copyOf(apps);
  }

  /** Every instance known (ready or not), by task id. */
  public Map<String, Backend> backends() {
    return Map.copyOf(backends);
  }

  /** The table with the apps and instances it was built from. */
  public RoutingView view() {
    return new RoutingView(table(), apps, backends);
  }

  /** The table of ready targets, built from the current state. */
  public RoutingTable table() {
    Map<String, List<Backend>> byApp = new HashMap<>();
    backends.values().forEach(b -> byApp.computeIfAbsent(b.appId(), k -> new ArrayList<>()).add(b));
    Map<Integer, Pool> tcp = new LinkedHashMap<>();
    Map<String, List<RoutingTable.HttpRoute>> http = new LinkedHashMap<>();
    Map<String, String> claimed = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (AppRoute a : apps.values()) {
      List<Backend> instances = byApp.getOrDefault(a.appId(), List.of());
      for (int k = 0; k < a.servicePorts().size(); k++) {
        int port = a.servicePorts().get(k);
        if (port <= 0) {
          continue;
        }
        Pool existing = tcp.get(port);
        if (existing != null) {
          conflicts.add("service port " + port + " of " + a.appId() + " is already " + existing.appId() + "'s");
        } else {
          tcp.put(port, pool(a, k, instances));
        }
      }
      for (AppRoute.VirtualHost v : a.http()) {
        Pool pool = pool(a, v.portIndex(), instances);
        for (String host : v.hosts()) {
          String key = host + " " + v.pathPrefix();
          String owner = claimed.putIfAbsent(key, a.appId());
          if (owner != null) {
            conflicts.add("host " + host + " path " + v.pathPrefix() + " of " + a.appId() + " is already " + owner
                + "'s");
          } else {
            http.computeIfAbsent(host, h -> new ArrayList<>()).add(new RoutingTable.HttpRoute(host,
                v.pathPrefix(), pool));
          }
        }
      }
    }
    http.values().forEach(l -> l.sort(RoutingTable.ORDER));
    return new RoutingTable(tcp, http, conflicts);
  }

  private static Pool pool(AppRoute a, int portIndex, List<Backend> instances) {
    List<Target> targets = new ArrayList<>();
    for (Backend b : instances) {
      if (b.ready(a.healthChecked()) && portIndex < b.ports().size() && !b.host().isEmpty()) {
        targets.add(new Target(b.taskId(), b.host(), b.ports().get(portIndex)));
      }
    }
    return new Pool(a.appId(), portIndex, a.balance(), targets);
  }
}
