package dev.drover.apps.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.validation.AppValidator;
import dev.drover.apps.validation.InvalidException;
import dev.drover.apps.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a group body ({@code {"id", "apps", "groups", "dependencies"}}, nested) into its apps and the dependencies
 * of every group in it, reporting every violation at once with paths such as {@code /groups(0)/apps(1)/mem}.
 */
final class GroupParser {
  private static final Set<String> FIELDS = Set.of("id", "apps", "groups", "dependencies", "version", "scaleBy",
      "enforceRole", "pods");

  /** A parsed group tree: its apps, flattened, and each group's dependencies. */
  record Parsed(String id, List<AppDefinition> apps, Map<String, List<String>> groups) {}

  private final AppValidator validator;

  GroupParser(AppValidator validator) {
    this.validator = validator;
  }

  Parsed parse(JsonNode body, String base, String idFromPath) {
    List<Violation> errors = new ArrayList<>();
    List<AppDefinition> apps = new ArrayList<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    String id = group(body, base, idFromPath, "", errors, apps, groups);
    if (!errors.isEmpty()) {
      throw new InvalidException(errors);
    }
    return new Parsed(id, apps, groups);
  }

  private String group(JsonNode g, String base, String fallbackId, String path, List<Violation> errors,
      List<AppDefinition> apps, Map<String, List<String>> groups) {
    if (g == null || !g.isObject()) {
      errors.add(new Violation(path.isEmpty() ? "/" : path, List.of("must be a JSON object")));
      return base;
    }
    g.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        errors.add(new Violation(path + "/" + f, List.of("unknown field")));
      }
    });
    for (String f : new String[] {"apps", "groups", "dependencies", "pods"}) {
      if (g.hasNonNull(f) && !g.get(f).isArray()) {
        errors.add(new Violation(path + "/" + f, List.of("must be an array")));
      }
    }
    if (g.hasNonNull("id") && !g.get("id").isTextual()) {
      errors.add(new Violation(path + "/id", List.of("must be a string")));
    }
    if (g.has("pods") && !g.get("pods").isEmpty()) {
      errors.add(new Violation(path + "/pods", List.of("pods are not supported by Drover")));
    }
    String rawId = g.hasNonNull("id") ? g.get("id").asText() : fallbackId;
    Optional<String> id = rawId == null ? Optional.empty() : AppIds.resolve(rawId, base);
    if (rawId != null && rawId.equals("/")) {
      id = Optional.of("/");
    }
    if (id.isEmpty()) {
      errors.add(new Violation(path + "/id", List.of("must be a valid group id")));
      return base;
    }
    List<String> deps = new ArrayList<>();
    JsonNode d = g.get("dependencies");
    if (d != null && d.isArray()) {
      for (int i = 0; i < d.size(); i++) {
        Optional<String> dep = AppIds.resolve(d.get(i).asText(), AppIds.parent(id.get()));
        if (dep.isEmpty()) {
          errors.add(new Violation(path + "/dependencies(" + i + ")", List.of("must be a valid app or group id")));
        } else {
          deps.add(dep.get());
        }
      }
    }
    groups.put(id.get(), deps);
    JsonNode a = g.get("apps");
    if (a != null && a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        try {
          apps.add(validator.validate(a.get(i), id.get(), null));
        } catch (InvalidException e) {
          String prefix = path + "/apps(" + i + ")";
          e.details().forEach(v -> errors.add(new Violation(prefix + (v.path().equals("/") ? "" : v.path()),
              v.errors())));
        }
      }
    }
    JsonNode sub = g.get("groups");
    if (sub != null && sub.isArray()) {
      for (int i = 0; i < sub.size(); i++) {
        group(sub.get(i), id.get(), null, path + "/groups(" + i + ")", errors, apps, groups);
      }
    }
    return id.get();
  }
}
