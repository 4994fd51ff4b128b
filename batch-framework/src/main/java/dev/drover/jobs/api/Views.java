package dev.drover.jobs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.JobState;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunJson;
import dev.drover.jobs.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** JSON renderings of engine state for the REST API (Metronome's shapes with Drover's additions). Stateless. */
final class Views {
  private Views() {}

  /** The embed options of a request: repeated {@code embed=} parameters and/or comma-separated values. */
  static Set<String> embeds(List<String> params) {
    Set<String> out = new HashSet<>();
    params.forEach(p -> out.addAll(Arrays.asList(p.split(","))));
    out.removeIf(String::isBlank);
    return out;
  }

  static ObjectNode job(JobState s, Set<String> embed, Instant now, String frameworkId) {
    ObjectNode o = JobJson.render(s.spec(), embed.contains("schedules"));
    if (embed.contains("activeRuns")) {
      ArrayNode a = o.putArray("activeRuns");
      activeRuns(s, now).forEach(r -> a.add(RunJson.render(r, frameworkId)));
    }
    if (embed.contains("history")) {
      ObjectNode h = summary(o.putObject("history"), s.summary());
      ArrayNode ok = h.putArray("successfulFinishedRuns");
      s.successful().forEach(r -> ok.add(RunJson.render(r, frameworkId)));
      ArrayNode bad = h.putArray("failedFinishedRuns");
      s.failed().forEach(r -> bad.add(RunJson.render(r, frameworkId)));
    }
    if (embed.contains("historySummary")) {
      summary(o.putObject("historySummary"), s.summary());
    }
    return o;
  }

  /** Runs started and not finished; ticks armed ahead of their time are not shown until they fire. */
  static List<JobRun> activeRuns(JobState s, Instant now) {
    List<JobRun> out = new ArrayList<>();
    for (JobRun r : s.runs().values()) {
      if (r.status() != RunStatus.INITIAL || r.scheduledAt() == null || !r.scheduledAt().isAfter(now)) {
        out.add(r);
      }
    }
    return out;
  }

  private static ObjectNode summary(ObjectNode o, JobState.Summary m) {
    o.put("successCount", m.successCount()).put("failureCount", m.failureCount())
        .put("missedCount", m.missedCount());
    o.put("lastSuccessAt", m.lastSuccessAt() == null ? null : m.lastSuccessAt().toString());
    o.put("lastFailureAt", m.lastFailureAt() == null ? null : m.lastFailureAt().toString());
    o.put("lastMissedAt", m.lastMissedAt() == null ? null : m.lastMissedAt().toString());
    return o;
  }
}
