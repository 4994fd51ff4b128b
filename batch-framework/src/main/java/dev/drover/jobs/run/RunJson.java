package dev.drover.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A run as JSON, both for the API (Metronome's run shape: id, jobId, status, createdAt, completedAt, tasks, plus
 * Drover's fields) and for the state store; {@link #parse} reads back what {@link #render} wrote. Stateless.
 */
public final class RunJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunJson() {}

  /** {@code frameworkId} (may be null) makes the log link: the agent file API path of the task's stdout. */
  public static ObjectNode render(JobRun r, String frameworkId) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", r.id()).put("jobId", r.jobId()).put("status", r.status().name()).put("trigger", r.trigger());
    put(o, "createdAt", r.createdAt());
    put(o, "scheduledAt", r.scheduledAt());
    put(o, "launchedAt", r.launchedAt());
    put(o, "startedAt", r.startedAt());
    put(o, "completedAt", r.finishedAt());
    put(o, "finishedAt", r.finishedAt());
    put(o, "retryAt", r.retryAt());
    o.put("attempt", r.attempt()).put("queued", r.queued());
    if (r.exitCode() != null) {
      o.put("exitCode", r.exitCode());
    }
    o.put("reason", r.reason());
    o.put("stopping", r.stopping());
    o.put("agentId", r.agentId());
    o.put("hostname", r.hostname());
    if (r.attempt() > 0) {
      o.put("taskId", r.taskId());
      ObjectNode t = o.putArray("tasks").addObject();
      t.put("id", r.taskId()).put("status", r.status().name());
      put(t, "startedAt", r.startedAt());
      put(t, "completedAt", r.finishedAt());
      if (r.agentId() != null && frameworkId != null) {
        o.put("logs", "/files/" + frameworkId + "/" + r.taskId() + "/read?path=stdout");
      }
    } else {
      o.putArray("tasks");
    }
    return o;
  }

  public static JobRun parse(JsonNode o) {
    return new JobRun(o.get("id").asText(), o.get("jobId").asText(), o.get("trigger").asText(),
        time(o, "createdAt"), time(o, "scheduledAt"), RunStatus.valueOf(o.get("status").asText()),
        o.path("attempt").asInt(), o.path("queued").asBoolean(), str(o, "agentId"), str(o, "hostname"),
        time(o, "launchedAt"), time(o, "startedAt"), time(o, "finishedAt"),
        o.hasNonNull("exitCode") ? o.get("exitCode").asInt() : null, str(o, "reason"), time(o, "retryAt"),
        str(o, "stopping"));
  }

  private static void put(ObjectNode o, String field, Instant t) {
    if (t != null) {
      o.put(field, t.toString());
    } else {
      o.putNull(field);
    }
  }

  private static Instant time(JsonNode o, String field) {
    return o.hasNonNull(field) ? Instant.parse(o.get(field).asText()) : null;
  }

  private static String str(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asText() : null;
  }
}
