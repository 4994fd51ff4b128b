package dev.drover.router.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full picture of the apps, parsed from {@code GET /v2/apps?embed=apps.tasks} (Marathon's JSON). Immutable.
 *
 * @param apps the app routes
 * @param backends every task listed, ready or not
 */
public record AppsSnapshot(List<AppRoute> apps, List<Backend> backends) {
  public AppsSnapshot {
    apps = List.copyOf(apps);
    backends = List.copyOf(backends);
  }

  /**
   * Parses {@code {"apps": [...]}}. Service ports come from {@code container.portMappings[].servicePort} when the app
   * has port mappings, else from {@code portDefinitions[].port}; a task's health is the conjunction of its
   * {@code healthCheckResults[].alive} (unknown when there are none); a {@code TASK_KILLING} task is draining.
   */
  public static AppsSnapshot parse(JsonNode root) {
    List<AppRoute> apps = new ArrayList<>();
    List<Backend> backends = new ArrayList<>();
    for (JsonNode app : root.path("apps")) {
      String id = app.path("id").asText();
      List<Integer> servicePorts = new ArrayList<>();
      JsonNode mappings = app.path("container").path("portMappings");
      if (mappings.isArray() && !mappings.isEmpty()) {
        mappings.forEach(m -> servicePorts.add(m.path("servicePort").asInt(0)));
      } else {
        app.path("portDefinitions").forEach(p -> servicePorts.add(p.path("port").asInt(0)));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      app.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      boolean healthChecked = app.path("healthChecks").isArray() && !app.path("healthChecks").isEmpty();
      apps.add(AppRoute.of(id, servicePorts, labels, healthChecked));
      for (JsonNode t : app.path("tasks")) {
        String state = t.path("state").asText();
        List<Integer> ports = new ArrayList<>();
        t.path("ports").forEach(p -> ports.add(p.asInt()));
        Boolean healthy = null;
        for (JsonNode h : t.path("healthCheckResults")) {
          healthy = (healthy == null || healthy) && h.path("alive").asBoolean();
        }
        if (state.equals("TASK_RUNNING") || state.equals("TASK_STAGING") || state.equals("TASK_STARTING")
            || state.equals("TASK_KILLING")) {
          backends.add(new Backend(t.path("id").asText(), id, t.path("host").asText(), ports,
              !state.equals("TASK_STAGING") && !state.equals("TASK_STARTING"), healthy,
              state.equals("TASK_KILLING")));
        }
      }
    }
    return new AppsSnapshot(apps, backends);
  }
}
