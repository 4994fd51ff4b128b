package dev.drover.apps.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event for {@code /v2/events}, with Marathon's event type and field names. Immutable, JSON-friendly:
 * {@link #toMap()} is the event's JSON object ({@code eventType}, {@code timestamp} and the fields).
 *
 * <p>Types: see {@link EventTypes}. Fields per type follow Marathon, e.g. {@code status_update_event}: {@code appId,
 * taskId, slaveId, host, ports, taskStatus, message, version}; {@code deployment_*}: {@code id} and {@code plan}
 * ({@link DeploymentView}); {@code health_status_changed_event}: {@code appId, taskId, instanceId, version, alive}.
 *
 * @param eventType Marathon's event type
 * @param timestamp ISO-8601
 * @param fields the other fields; values are strings, numbers, booleans, lists, maps or the engine's view records
 */
public record EngineEvent(String eventType, String timestamp, Map<String, Object> fields) {
  public EngineEvent {
    Objects.requireNonNull(eventType, "eventType");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The event as one JSON object. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventType", eventType);
    m.put("timestamp", timestamp);
    m.putAll(fields);
    return m;
  }
}
