package dev.drover.apps.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks {@code healthChecks}: protocol, timings, port index within the app's ports, a command for COMMAND. */
final class HealthCheckChecks {
  private static final Set<String> FIELDS = Set.of("protocol", "path", "portIndex", "port", "command",
      "gracePeriodSeconds", "intervalSeconds", "timeoutSeconds", "maxConsecutiveFailures", "delaySeconds",
      "ignoreHttp1xx");
  private static final Set<String> PROTOCOLS = Arrays.stream(
      dev.drover.apps.model.HealthCheckDefinition.Protocol.values()).map(Enum::name).collect(Collectors.toSet());

  private HealthCheckChecks() {}

  static void check(JsonNode checks, int portCount, Checks c) {
    if (!c.array(checks, "/healthChecks")) {
      return;
    }
    for (int i = 0; i < checks.size(); i++) {
      String p = "/healthChecks(" + i + ")";
      if (!c.object(checks.get(i), p)) {
        if (checks.get(i).isNull()) {
          c.add(p, "must be an object");
        }
        continue;
      }
      ObjectNode h = (ObjectNode) checks.get(i);
      c.fields(h, p, FIELDS, Set.of());
      c.oneOf(h.get("protocol"), p + "/protocol", PROTOCOLS);
      String protocol = h.path("protocol").asText("HTTP");
      c.text(h.get("path"), p + "/path");
      c.integer(h.get("portIndex"), p + "/portIndex", 0, 1000);
      c.integer(h.get("port"), p + "/port", 0, 65535);
      c.integer(h.get("gracePeriodSeconds"), p + "/gracePeriodSeconds", 0, Integer.MAX_VALUE);
      c.integer(h.get("intervalSeconds"), p + "/intervalSeconds", 1, Integer.MAX_VALUE);
      c.integer(h.get("timeoutSeconds"), p + "/timeoutSeconds", 1, Integer.MAX_VALUE);
      c.integer(h.get("maxConsecutiveFailures"), p + "/maxConsecutiveFailures", 0, Integer.MAX_VALUE);
      c.integer(h.get("delaySeconds"), p + "/delaySeconds", 0, Integer.MAX_VALUE);
      c.bool(h.get("ignoreHttp1xx"), p + "/ignoreHttp1xx");
      if (h.path("timeoutSeconds").isInt() && h.path("intervalSeconds").isInt()
          && h.get("timeoutSeconds").asInt() >= h.get("intervalSeconds").asInt()) {
        c.add(p + "/timeoutSeconds", "must be smaller than intervalSeconds");
      }
      if (protocol.equals("COMMAND")) {
        JsonNode cmd = h.get("command");
        if (!c.object(cmd, p + "/command") || !cmd.path("value").isTextual() || cmd.get("value").asText().isBlank()) {
          c.add(p + "/command", "a COMMAND health check needs command.value");
        } else {
          c.fields((ObjectNode) cmd, p + "/command", Set.of("value"), Set.of());
        }
      } else {
        if (h.hasNonNull("command")) {
          c.add(p + "/command", "only COMMAND health checks take a command");
        }
        if (h.hasNonNull("port") && h.hasNonNull("portIndex")) {
          c.add(p, "give port or portIndex, not both");
        } else if (!h.hasNonNull("port")) {
          int index = h.path("portIndex").asInt(0);
          if (index >= portCount) {
            c.add(p + "/portIndex", "must be < the number of ports (" + portCount + ")");
          }
        }
      }
    }
  }
}
