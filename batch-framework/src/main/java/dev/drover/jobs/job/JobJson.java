package dev.drover.jobs.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.schedule.Triggers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Metronome v1 job JSON, both ways. {@link #parseJob} validates everything it reads and collects every problem with
 * its JSON pointer path before throwing one {@link Invalid}; it never returns a half-valid job. Stateless.
 */
public final class JobJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ID =
      Pattern.compile("^([a-z0-9]([a-z0-9-]*[a-z0-9]+)*)([.][a-z0-9]([a-z0-9-]*[a-z0-9]+)*)*$");
  private static final Set<String> OPERATORS = Set.of("EQ", "IS", "LIKE", "UNLIKE", "UNIQUE", "CLUSTER", "GROUP_BY",
      "MAX_PER");

  private JobJson() {}

  /** Parses and validates a job; {@code schedules} present in the body are validated too. */
  public static JobSpec parseJob(JsonNode body) {
    Errors e = new Errors();
    if (body == null || !body.isObject()) {
      throw Invalid.of("/", "must be a JSON object");
    }
    String id = text(body, "id", "/id", e, null);
    if (id == null) {
      e.add("/id", "is required");
    } else if (!ID.matcher(id).matches()) {
      e.add("/id", "must match " + ID.pattern() + " (lower-case letters, digits, '-' and '.')");
    }
    String description = text(body, "description", "/description", e, "");
    Map<String, String> labels = stringMap(body.get("labels"), "/labels", e);
    RunSpec run = null;
    JsonNode r = body.get("run");
    if (r == null || !r.isObject()) {
      e.add("/run", "is required and must be an object");
    } else {
      run = parseRun(r, e);
    }
    List<ScheduleSpec> schedules = new ArrayList<>();
    JsonNode s = body.get("schedules");
    if (s != null && !s.isNull()) {
      if (!s.isArray()) {
        e.add("/schedules", "must be an array");
      } else {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
          ScheduleSpec spec = parseSchedule(s.get(i), "/schedules/" + i, e);
          if (spec != null && !ids.add(spec.id())) {
            e.add("/schedules/" + i + "/id", "duplicate schedule id '" + spec.id() + "'");
          }
          schedules.add(spec);
        }
      }
    }
    List<String> deps = new ArrayList<>();
    JsonNode d = body.get("dependencies");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        e.add("/dependencies", "must be an array of {\"id\": parent job id}");
      } else {
        for (int i = 0; i < d.size(); i++) {
          JsonNode p = d.get(i).isObject() ? d.get(i).get("id") : d.get(i);
          if (p == null || !p.isTextual() || p.asText().isBlank()) {
            e.add("/dependencies/" + i + "/id", "must be a job id");
          } else if (p.asText().equals(id)) {
            e.add("/dependencies/" + i + "/id", "a job cannot depend on itself");
          } else if (!deps.contains(p.asText())) {
            deps.add(p.asText());
          }
        }
      }
    }
    int okLimit = 10;
    int failLimit = 10;
    JsonNode h = body.get("historyLimits");
    if (h != null && !h.isNull()) {
      okLimit = (int) integer(h, "successful", "/historyLimits/successful", e, 10, 0, 1000);
      failLimit = (int) integer(h, "failed", "/historyLimits/failed", e, 10, 0, 1000);
    }
    e.throwIfAny();
    return new JobSpec(id, description, labels, run, List.copyOf(schedules), List.copyOf(deps), okLimit, failLimit);
  }

  /** Parses and validates one schedule on its own (the schedules endpoints). */
  public static ScheduleSpec parseSchedule(JsonNode body) {
    Errors e = new Errors();
    ScheduleSpec s = parseSchedule(body, "", e);
    e.throwIfAny();
    return s;
  }

  private static ScheduleSpec parseSchedule(JsonNode n, String at, Errors e) {
    if (n == null || !n.isObject()) {
      e.add(at.isEmpty() ? "/" : at, "must be an object");
      return null;
    }
    String id = text(n, "id", at + "/id", e, null);
    if (id == null) {
      e.add(at + "/id", "is required");
    } else if (!ID.matcher(id).matches()) {
      e.add(at + "/id", "must match " + ID.pattern());
    }
    String cron = text(n, "cron", at + "/cron", e, null);
    String tz = text(n, "timezone", at + "/timezone", e, "UTC");
    try {
      Triggers.zone(tz);
      if (cron == null) {
        e.add(at + "/cron", "is required");
      } else {
        Triggers.parse(cron, tz);
      }
    } catch (IllegalArgumentException ex) {
      e.add(ex.getMessage().startsWith("unknown time zone") ? at + "/timezone" : at + "/cron", ex.getMessage());
    }
    long deadline = integer(n, "startingDeadlineSeconds", at + "/startingDeadlineSeconds", e, 900, 1, Long.MAX_VALUE);
    ConcurrencyPolicy policy = ConcurrencyPolicy.ALLOW;
    String p = text(n, "concurrencyPolicy", at + "/concurrencyPolicy", e, "ALLOW");
    try {
      policy = ConcurrencyPolicy.valueOf(p);
    } catch (IllegalArgumentException ex) {
      e.add(at + "/concurrencyPolicy", "must be one of ALLOW, FORBID, REPLACE");
    }
    boolean enabled = true;
    JsonNode en = n.get("enabled");
    if (en != null && !en.isNull()) {
      if (!en.isBoolean()) {
        e.add(at + "/enabled", "must be a boolean");
      } else {
        enabled = en.asBoolean();
      }
    }
    return new ScheduleSpec(id, cron, tz, deadline, policy, enabled);
  }

  private static RunSpec parseRun(JsonNode r, Errors e) {
    String cmd = text(r, "cmd", "/run/cmd", e, null);
    List<String> args = stringList(r.get("args"), "/run/args", e);
    String image = null;
    JsonNode docker = r.get("docker");
    if (docker != null && !docker.isNull()) {
      image = text(docker, "image", "/run/docker/image", e, null);
      if (image == null || image.isBlank()) {
        e.add("/run/docker/image", "is required when docker is given");
      }
    }
    if ((cmd == null || cmd.isBlank()) && args.isEmpty() && image == null) {
      e.add("/run", "one of cmd, args or docker.image is required");
    }
    double cpus = number(r, "cpus", "/run/cpus", e, 0.01, "must be >= 0.01");
    double mem = number(r, "mem", "/run/mem", e, 32, "must be >= 32");
    double disk = r.has("disk") ? number(r, "disk", "/run/disk", e, 0, "must be >= 0") : 0;
    Map<String, String> env = stringMap(r.get("env"), "/run/env", e);
    List<List<String>> constraints = new ArrayList<>();
    JsonNode pl = r.path("placement").path("constraints");
    if (!pl.isMissingNode() && !pl.isNull()) {
      if (!pl.isArray()) {
        e.add("/run/placement/constraints", "must be an array");
      } else {
        for (int i = 0; i < pl.size(); i++) {
          String at = "/run/placement/constraints/" + i;
          String attr = text(pl.get(i), "attribute", at + "/attribute", e, null);
          String op = text(pl.get(i), "operator", at + "/operator", e, null);
          String val = text(pl.get(i), "value", at + "/value", e, null);
          if (attr == null || attr.isBlank()) {
            e.add(at + "/attribute", "is required");
          }
          if (op == null || !OPERATORS.contains(op)) {
            e.add(at + "/operator", "must be one of " + new java.util.TreeSet<>(OPERATORS));
          } else if (attr != null) {
            List<String> c = new ArrayList<>(List.of(attr, op.equals("EQ") ? "IS" : op));
            if (val != null) {
              c.add(val);
            }
            try {
              dev.drover.sdk.placement.Constraint.parse(c);
              constraints.add(List.copyOf(c));
            } catch (RuntimeException ex) {
              e.add(at, "invalid constraint: " + ex.getMessage());
            }
          }
        }
      }
    }
    long maxLaunchDelay = integer(r, "maxLaunchDelay", "/run/maxLaunchDelay", e, 3600, 1, Long.MAX_VALUE);
    RunSpec.RestartPolicy policy = RunSpec.RestartPolicy.NEVER;
    long restartDeadline = 0;
    JsonNode restart = r.get("restart");
    if (restart != null && !restart.isNull()) {
      String p = text(restart, "policy", "/run/restart/policy", e, "NEVER");
      try {
        policy = RunSpec.RestartPolicy.valueOf(p);
      } catch (IllegalArgumentException ex) {
        e.add("/run/restart/policy", "must be NEVER or ON_FAILURE");
      }
      restartDeadline = integer(restart, "activeDeadlineSeconds", "/run/restart/activeDeadlineSeconds", e, 0, 1,
          Long.MAX_VALUE);
    }
    long activeDeadline = integer(r, "activeDeadlineSeconds", "/run/activeDeadlineSeconds", e, 0, 1, Long.MAX_VALUE);
    String user = text(r, "user", "/run/user", e, null);
    JsonNode artifacts = r.get("artifacts");
    boolean hadArtifacts = artifacts != null && artifacts.isArray() && !artifacts.isEmpty()
        || r.path("artifactsIgnored").asBoolean(false);
    return new RunSpec(cmd, args, image, cpus, mem, disk, env, List.copyOf(constraints), maxLaunchDelay, policy,
        restartDeadline, activeDeadline, user, hadArtifacts);
  }

  /** The job as Metronome renders it (schedules are rendered only when asked, as Metronome's embed). */
  public static ObjectNode render(JobSpec j, boolean withSchedules) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", j.id());
    o.put("description", j.description());
    ObjectNode labels = o.putObject("labels");
    j.labels().forEach(labels::put);
    ObjectNode run = o.putObject("run");
    RunSpec r = j.run();
    if (r.cmd() != null) {
      run.put("cmd", r.cmd());
    }
    if (!r.args().isEmpty()) {
      ArrayNode a = run.putArray("args");
      r.args().forEach(a::add);
    }
    if (r.dockerImage() != null) {
      run.putObject("docker").put("image", r.dockerImage());
    }
    run.put("cpus", r.cpus()).put("mem", r.mem()).put("disk", r.disk());
    ObjectNode env = run.putObject("env");
    r.env().forEach(env::put);
    ArrayNode cs = run.putObject("placement").putArray("constraints");
    for (List<String> c : r.constraints()) {
      ObjectNode co = cs.addObject().put("attribute", c.get(0)).put("operator", c.get(1));
      if (c.size() > 2) {
        co.put("value", c.get(2));
      }
    }
    run.put("maxLaunchDelay", r.maxLaunchDelaySeconds());
    ObjectNode restart = run.putObject("restart").put("policy", r.restartPolicy().name());
    if (r.restartDeadlineSeconds() > 0) {
      restart.put("activeDeadlineSeconds", r.restartDeadlineSeconds());
    }
    if (r.activeDeadlineSeconds() > 0) {
      run.put("activeDeadlineSeconds", r.activeDeadlineSeconds());
    }
    if (r.user() != null) {
      run.put("user", r.user());
    }
    run.putArray("artifacts");
    if (r.artifactsIgnored()) {
      run.put("artifactsIgnored", true);  // Drover does not fetch artifacts; see docs/jobs.md
    }
    ArrayNode deps = o.putArray("dependencies");
    j.dependencies().forEach(p -> deps.addObject().put("id", p));
    o.putObject("historyLimits").put("successful", j.successfulHistoryLimit()).put("failed", j.failedHistoryLimit());
    if (withSchedules) {
      ArrayNode s = o.putArray("schedules");
      j.schedules().forEach(x -> s.add(render(x)));
    }
    return o;
  }

  public static ObjectNode render(ScheduleSpec s) {
    return MAPPER.createObjectNode().put("id", s.id()).put("cron", s.cron()).put("timezone", s.timezone())
        .put("startingDeadlineSeconds", s.startingDeadlineSeconds())
        .put("concurrencyPolicy", s.concurrencyPolicy().name()).put("enabled", s.enabled());
  }

  private static String text(JsonNode n, String field, String path, Errors e, String dflt) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      e.add(path, "must be a string");
      return dflt;
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field, String path, Errors e, double min, String why) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      e.add(path, "is required");
      return min;
    }
    if (!v.isNumber()) {
      e.add(path, "must be a number");
      return min;
    }
    if (v.asDouble() < min || !Double.isFinite(v.asDouble())) {
      e.add(path, why);
    }
    return v.asDouble();
  }

  private static long integer(JsonNode n, String field, String path, Errors e, long dflt, long min, long max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      e.add(path, "must be an integer");
      return dflt;
    }
    if (v.asLong() < min || v.asLong() > max) {
      e.add(path, "must be >= " + min + (max == Long.MAX_VALUE ? "" : " and <= " + max));
      return dflt;
    }
    return v.asLong();
  }

  private static Map<String, String> stringMap(JsonNode n, String path, Errors e) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      e.add(path, "must be an object of strings");
      return Map.of();
    }
    n.fields().forEachRemaining(f -> {
      if (f.getValue().isTextual()) {
        out.put(f.getKey(), f.getValue().asText());
      } else {
        e.add(path + "/" + f.getKey(), "must be a string (secrets are not supported)");
      }
    });
    return Map.copyOf(out);
  }

  private static List<String> stringList(JsonNode n, String path, Errors e) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      e.add(path, "must be an array of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        e.add(path + "/" + i, "must be a string");
      } else {
        out.add(n.get(i).asText());
      }
    }
    return List.copyOf(out);
  }

  private static final class Errors {
    private final Map<String, List<String>> byPath = new LinkedHashMap<>();

    void add(String path, String error) {
      byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(error);
    }

    void throwIfAny() {
      if (!byPath.isEmpty()) {
        throw new Invalid(byPath);
      }
    }
  }
}
