package dev.drover.apps.runtime;

import java.util.Map;

/**
 * One event for {@code /v2/events}, of a Marathon event type ({@code status_update_event},
 * {@code deployment_success}, {@code api_post_event}, ...), with its fields (rendered as JSON next to
 * {@code eventType} and {@code timestamp}, ISO-8601).
 */
public record AppEvent(String eventType, String timestamp, Map<String, Object> fields) {
  public AppEvent {
    fields = Map.copyOf(fields);
  }
}
