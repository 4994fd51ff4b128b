package dev.drover.apps.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.model.AppJson;
import dev.drover.sdk.placement.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a request body into an {@link AppDefinition} or every reason it cannot be one. Read-only fields Marathon
 * returns (tasks, counts, deployments, lastTaskFailure, version, versionInfo, ...) are dropped; unknown fields are
 * violations; legacy {@code ports}, {@code docker.portMappings} and {@code networks} are normalized. Stateless and
 * thread-safe.
 */
public final class AppValidator {
  static final Set<String> FIELDS = Set.of("id", "cmd", "args", "user", "instances", "cpus", "mem", "disk", "gpus",
      "env", "labels", "container", "portDefinitions", "ports", "requirePorts", "constraints", "healthChecks",
      "upgradeStrategy", "backoffSeconds", "backoffFactor", "maxLaunchDelaySeconds", "killSelection",
      "unreachableStrategy", "taskKillGracePeriodSeconds", "dependencies", "acceptedResourceRoles", "networks",
      "fetch", "uris", "executor", "storeUrls", "secrets", "readinessChecks", "ipAddress", "residency",
      "executorResources", "role");
  /** Fields Marathon returns that a client may send back unchanged; ignored on input. */
  public static final Set<String> READ_ONLY = Set.of("version", "versionInfo", "tasks", "tasksRunning",
      "tasksStaged", "tasksHealthy", "tasksUnhealthy", "deployments", "lastTaskFailure", "readinessCheckResults",
      "taskStats", "counts");

  private final Consumer<List<String>> constraintParser;

  /** A validator that parses constraints with {@code constraintParser} (throws IllegalArgumentException). */
  public AppValidator(Consumer<List<String>> constraintParser) {
    this.constraintParser = constraintParser;
  }

  /** A validator that knows the SDK's Marathon operators. */
  public AppValidator() {
    this(Constraint::parse);
  }

  /**
   * Validates {@code body} as an app of group {@code baseGroup} (relative ids resolve against it).
   *
   * @param idFromPath the id the URL names, used when the body has none (PUT /v2/apps/x); may be null
   * @throws InvalidException with every violation at once
   */
  public AppDefinition validate(JsonNode body, String baseGroup, String idFromPath) {
    Checks c = new Checks();
    if (body == null || !body.isObject()) {
      throw InvalidException.at("/", "must be a JSON object");
    }
    ObjectNode app = ((ObjectNode) body).deepCopy();
    c.fields(app, "", FIELDS, READ_ONLY);
    id(app, baseGroup, idFromPath, c);
    command(app, c);
    c.integer(app.get("instances"), "/instances", 0, Integer.MAX_VALUE);
    c.number(app.get("cpus"), "/cpus", 0, Double.MAX_VALUE);
    c.number(app.get("mem"), "/mem", 0, Double.MAX_VALUE);
    c.number(app.get("disk"), "/disk", 0, Double.MAX_VALUE);
    c.integer(app.get("gpus"), "/gpus", 0, 0);
    c.text(app.get("user"), "/user");
    c.stringMap(app.get("env"), "/env");
    c.stringMap(app.get("labels"), "/labels");
    drainLabel(app.path("labels").get("DROVER_DRAIN_SECONDS"), c);
    c.bool(app.get("requirePorts"), "/requirePorts");
    c.number(app.get("backoffSeconds"), "/backoffSeconds", 0, Double.MAX_VALUE);
    c.number(app.get("backoffFactor"), "/backoffFactor", 1.0, Double.MAX_VALUE);
    c.integer(app.get("maxLaunchDelaySeconds"), "/maxLaunchDelaySeconds", 0, Integer.MAX_VALUE);
    c.integer(app.get("taskKillGracePeriodSeconds"), "/taskKillGracePeriodSeconds", 0, Integer.MAX_VALUE);
    c.oneOf(app.get("killSelection"), "/killSelection", Set.of("YOUNGEST_FIRST", "OLDEST_FIRST"));
    c.stringList(app.get("acceptedResourceRoles"), "/acceptedResourceRoles");
    unsupported(app, c);
    ContainerChecks.container(app, c);
    ContainerChecks.ports(app, c);
    HealthCheckChecks.check(app.get("healthChecks"), portCount(app), c);
    upgrade(app, c);
    unreachable(app, c);
    constraints(app.get("constraints"), c);
    dependencies(app, c);
    if (app.path("requirePorts").asBoolean(false) && portCount(app) == 0) {
      c.add("/requirePorts", "requirePorts needs at least one port");
    }
    if (!c.ok()) {
      throw new InvalidException(c.violations());
    }
    try {
      return AppJson.MAPPER.treeToValue(app, AppDefinition.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw InvalidException.at("/", "cannot be read: " + e.getMessage());
    }
  }

  private static void id(ObjectNode app, String base, String idFromPath, Checks c) {
    JsonNode id = app.get("id");
    if ((id == null || id.isNull()) && idFromPath != null) {
      id = app.textNode(idFromPath);
    }
    if (id == null || id.isNull()) {
      c.add("/id", "must be given");
      return;
    }
    if (!id.isTextual()) {
      c.add("/id", "must be a string");
      return;
    }
    Optional<String> resolved = AppIds.resolve(id.asText(), base);
    if (resolved.isEmpty() || resolved.get().equals("/")) {
      c.add("/id", "each path segment must fully match the regular expression " + AppIds.SEGMENT.pattern()
          + " and the id must not be the root");
      return;
    }
    if (idFromPath != null && !resolved.get().equals(idFromPath)) {
      c.add("/id", "does not match the id in the URL (" + idFromPath + ")");
    }
    app.put("id", resolved.get());
  }

  private static void command(ObjectNode app, Checks c) {
    c.text(app.get("cmd"), "/cmd");
    c.stringList(app.get("args"), "/args");
    boolean cmd = app.hasNonNull("cmd");
    boolean args = app.hasNonNull("args");
    boolean image = app.path("container").path("docker").path("image").isTextual();
    if (cmd && args) {
      c.add("/", "give cmd or args, not both");
    } else if (!cmd && !args && !image) {
      c.add("/", "an app needs cmd, args or a container with docker.image");
    }
    if (cmd && app.get("cmd").asText().isBlank()) {
      c.add("/cmd", "must not be empty");
    }
  }

  private static void unsupported(ObjectNode app, Checks c) {
    for (String f : new String[] {"fetch", "uris", "storeUrls"}) {
      JsonNode n = app.remove(f);
      if (n != null && !n.isNull() && !(n.isArray() && n.isEmpty())) {
        c.add("/" + f, "fetching artifacts is not supported by Drover; only an empty list is accepted");
      }
    }
    for (String f : new String[] {"secrets", "readinessChecks", "ipAddress", "residency", "executorResources"}) {
      JsonNode n = app.remove(f);
      if (n != null && !n.isNull() && !((n.isArray() || n.isObject()) && n.isEmpty())) {
        c.add("/" + f, "not supported by Drover; only null or empty is accepted (as Marathon returns it)");
      }
    }
    JsonNode role = app.remove("role");
    if (role != null && !role.isNull() && !role.asText().equals("*")) {
      c.add("/role", "only the default role * is supported by Drover");
    }
    JsonNode executor = app.remove("executor");
    if (executor != null && !executor.isNull() && !executor.asText().isEmpty() && !executor.asText().equals("//cmd")) {
      c.add("/executor", "custom executors are not supported by Drover");
    }
  }

  private static void upgrade(ObjectNode app, Checks c) {
    JsonNode u = app.get("upgradeStrategy");
    if (c.object(u, "/upgradeStrategy")) {
      c.fields((ObjectNode) u, "/upgradeStrategy", Set.of("minimumHealthCapacity", "maximumOverCapacity"), Set.of());
      c.number(u.get("minimumHealthCapacity"), "/upgradeStrategy/minimumHealthCapacity", 0, 1);
      c.number(u.get("maximumOverCapacity"), "/upgradeStrategy/maximumOverCapacity", 0, 1);
    }
  }

  private static void unreachable(ObjectNode app, Checks c) {
    JsonNode u = app.get("unreachableStrategy");
    if (u != null && u.isTextual()) {
      if (!u.asText().equals("disabled")) {
        c.add("/unreachableStrategy", "must be \"disabled\" or {inactiveAfterSeconds, expungeAfterSeconds}");
      }
      return;
    }
    if (c.object(u, "/unreachableStrategy")) {
      c.fields((ObjectNode) u, "/unreachableStrategy", Set.of("inactiveAfterSeconds", "expungeAfterSeconds"),
          Set.of());
      c.integer(u.get("inactiveAfterSeconds"), "/unreachableStrategy/inactiveAfterSeconds", 0, Long.MAX_VALUE);
      c.integer(u.get("expungeAfterSeconds"), "/unreachableStrategy/expungeAfterSeconds", 0, Long.MAX_VALUE);
      long inactive = u.path("inactiveAfterSeconds").asLong(0);
      long expunge = u.path("expungeAfterSeconds").asLong(0);
      if (expunge < inactive) {
        c.add("/unreachableStrategy/expungeAfterSeconds", "must be >= inactiveAfterSeconds");
      }
    }
  }

  private void constraints(JsonNode n, Checks c) {
    if (!c.array(n, "/constraints")) {
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      String p = "/constraints(" + i + ")";
      JsonNode one = n.get(i);
      if (!one.isArray() || one.size() < 2 || one.size() > 4) {
        c.add(p, "must be [field, OPERATOR], [field, OPERATOR, value] or [field, OPERATOR, value, soft]");
        continue;
      }
      List<String> parts = new ArrayList<>();
      one.forEach(part -> parts.add(part.isValueNode() ? part.asText() : part.toString()));
      try {
        constraintParser.accept(parts);
      } catch (RuntimeException e) {
        c.add(p, e.getMessage() == null ? "invalid constraint" : e.getMessage());
      }
      if (!one.get(0).isTextual() || !one.get(1).isTextual()) {
        c.add(p, "field and operator must be strings");
      }
      ArrayNode normalized = AppJson.MAPPER.createArrayNode();
      parts.forEach(normalized::add);
      ((ArrayNode) n).set(i, normalized);
    }
  }

  private static void dependencies(ObjectNode app, Checks c) {
    JsonNode deps = app.get("dependencies");
    if (!c.array(deps, "/dependencies")) {
      return;
    }
    String group = AppIds.parent(app.path("id").asText("/"));
    ArrayNode resolved = app.putArray("dependencies");
    for (int i = 0; i < deps.size(); i++) {
      Optional<String> id = deps.get(i).isTextual() ? AppIds.resolve(deps.get(i).asText(), group) : Optional.empty();
      if (id.isEmpty()) {
        c.add("/dependencies(" + i + ")", "must be a valid app or group id");
      } else {
        resolved.add(id.get());
      }
    }
  }

  private static int portCount(ObjectNode app) {
    JsonNode docker = app.path("container").path("docker");
    if (docker.path("network").asText("HOST").equals("BRIDGE")) {
      return app.path("container").path("portMappings").size();
    }
    JsonNode defs = app.get("portDefinitions");
    return defs == null || defs.isNull() ? 1 : defs.size();
  }

  /** The drain period label (docs/router.md): whole seconds from 0 to 600. */
  private static void drainLabel(JsonNode v, Checks c) {
    if (v == null || !v.isTextual()) {
      return;  // absent, or not a string: the label map's own check reports it
    }
    String t = v.asText().trim();
    if (!t.matches("\\d{1,3}") || Integer.parseInt(t) > 600) {
      c.add("/labels/DROVER_DRAIN_SECONDS", "must be whole seconds from 0 to 600");
    }
  }
}
