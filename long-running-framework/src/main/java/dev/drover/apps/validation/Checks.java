package dev.drover.apps.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects violations by path while a validator walks a JSON tree; type and range checks that never throw. */
final class Checks {
  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  void add(String path, String error) {
    errors.computeIfAbsent(path.isEmpty() ? "/" : path, p -> new ArrayList<>()).add(error);
  }

  boolean ok() {
    return errors.isEmpty();
  }

  List<Violation> violations() {
    return errors.entrySet().stream().map(e -> new Violation(e.getKey(), e.getValue())).toList();
  }

  /** Removes {@code readOnly} fields and reports every field not in {@code known}. */
  void fields(ObjectNode node, String path, Set<String> known, Set<String> readOnly) {
    node.remove(readOnly);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        add(path + "/" + f, "unknown field");
      }
    }
  }

  /** Whether the field is present and not JSON null. */
  static boolean has(JsonNode node, String field) {
    return node.hasNonNull(field);
  }

  boolean object(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isObject()) {
      add(path, "must be an object");
      return false;
    }
    return true;
  }

  boolean array(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isArray()) {
      add(path, "must be an array");
      return false;
    }
    return true;
  }

  void text(JsonNode n, String path) {
    if (n != null && !n.isNull() && !n.isTextual()) {
      add(path, "must be a string");
    }
  }

  void bool(JsonNode n, String path) {
    if (n != null && !n.isNull() && !n.isBoolean()) {
      add(path, "must be a boolean");
    }
  }

  void integer(JsonNode n, String path, long min, long max) {
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isIntegralNumber()) {
      add(path, "must be an integer");
    } else if (n.asLong() < min) {
      add(path, "must be >= " + min);
    } else if (n.asLong() > max) {
      add(path, "must be <= " + max);
    }
  }

  void number(JsonNode n, String path, double min, double max) {
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isNumber()) {
      add(path, "must be a number");
    } else if (n.asDouble() < min) {
      add(path, "must be >= " + fmt(min));
    } else if (n.asDouble() > max) {
      add(path, "must be <= " + fmt(max));
    }
  }

  void oneOf(JsonNode n, String path, Set<String> allowed) {
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isTextual() || !allowed.contains(n.asText())) {
      add(path, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  void stringMap(JsonNode n, String path) {
    if (object(n, path)) {
      n.fields().forEachRemaining(e -> {
        if (!e.getValue().isTextual()) {
          add(path + "/" + e.getKey(), e.getValue().isObject() && e.getValue().has("secret")
              ? "secrets are not supported" : "must be a string");
        }
      });
    }
  }

  void stringList(JsonNode n, String path) {
    if (array(n, path)) {
      for (int i = 0; i < n.size(); i++) {
        text(n.get(i), path + "(" + i + ")");
      }
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
