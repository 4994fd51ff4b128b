package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover jobs list|show|add|run|history|suspend|resume|rm}: the jobs framework's Metronome v1 API through the
 * leading master's {@code /frameworks/jobs/...} proxy. Subcommands of the {@code drover jobs} service command.
 */
public final class JobsOps {
  static final String V1 = "/frameworks/jobs/v1";

  private JobsOps() {}

  static String job(String id) {
    return V1 + "/jobs/" + MasterClient.enc(id);
  }

  static Table jobsTable(JsonNode jobs) {
    Table t = new Table("ID", "SCHEDULES", "ENABLED", "ACTIVE RUNS", "LAST SUCCESS", "LAST FAILURE", "CMD");
    for (JsonNode j : jobs) {
      List<String> cron = new ArrayList<>();
      boolean enabled = false;
      for (JsonNode s : j.path("schedules")) {
        cron.add(s.path("cron").asText() + " " + s.path("timezone").asText(""));
        enabled |= s.path("enabled").asBoolean(true);
      }
      JsonNode summary = j.path("historySummary");
      t.row(j.path("id").asText(), String.join(", ", cron).strip(), cron.isEmpty() ? "" : enabled,
          j.path("activeRuns").size(), summary.path("lastSuccessAt").asText(""),
          summary.path("lastFailureAt").asText(""), j.path("run").path("cmd").asText(""));
    }
    return t;
  }

  static Table runsTable(JsonNode runs) {
    Table t = new Table("RUN", "STATUS", "CREATED", "FINISHED", "TASKS");
    for (JsonNode r : runs) {
      List<String> tasks = new ArrayList<>();
      r.path("tasks").forEach(x -> tasks.add(x.isTextual() ? x.asText() : x.path("id").asText()));
      t.row(r.path("id").asText(), r.path("status").asText(), r.path("createdAt").asText(""),
          r.path("finishedAt").asText(""), String.join(",", tasks));
    }
    return t;
  }

  /** {@code drover jobs list}: see the command's description. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs with their schedules.")
  public static final class ListJobs extends OpsCommand {
    @Override
    protected int execute() {
      JsonNode jobs = api().get(V1 + "/jobs?embed=activeRuns,schedules,historySummary");
      return print(jobs, () -> jobsTable(jobs));
    }
  }

  /** {@code drover jobs show}: see the command's description. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "One job with its schedules and runs.")
  public static final class Show extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    protected int execute() {
      JsonNode j = api().get(job(id) + "?embed=activeRuns,schedules,historySummary");
      return print(j, () -> jobsTable(MasterClient.JSON.createArrayNode().add(j)));
    }
  }

  /** {@code drover jobs add}: see the command's description. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create a job from a Metronome job JSON file (- for standard input); schedules may be embedded.")
  public static final class Add extends OpsCommand {
    @Parameters(paramLabel = "FILE") String file;

    @Override
    protected int execute() {
      JsonNode j = AppsOps.readDefinition(file);
      JsonNode created = api().send("POST", V1 + "/jobs", j.toString()).body();
      return print(created, () -> new Table("CREATED").row(created.path("id").asText()));
    }
  }

  /** {@code drover jobs run}: see the command's description. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Start a run of a job now.")
  public static final class Run extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    protected int execute() {
      JsonNode run = api().send("POST", job(id) + "/runs", null).body();
      return print(run, () -> runsTable(MasterClient.JSON.createArrayNode().add(run)));
    }
  }

  /** {@code drover jobs history}: see the command's description. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "A job's active and finished runs.")
  public static final class History extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    protected int execute() {
      JsonNode j = api().get(job(id) + "?embed=activeRuns,history");
      ArrayNode runs = MasterClient.JSON.createArrayNode();
      j.path("activeRuns").forEach(runs::add);
      j.path("history").path("successfulFinishedRuns").forEach(r -> runs.add(withStatus(r, "SUCCESS")));
      j.path("history").path("failedFinishedRuns").forEach(r -> runs.add(withStatus(r, "FAILED")));
      return print(runs, () -> runsTable(runs));
    }

    private static JsonNode withStatus(JsonNode r, String status) {
      return r.has("status") ? r : ((ObjectNode) r.deepCopy()).put("status", status);
    }
  }

  /** Sets {@code enabled} on every schedule of a job. */
  abstract static class Toggle extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;

    abstract boolean enabled();

    @Override
    protected int execute() {
      JsonNode schedules = api().get(job(id) + "/schedules");
      Table t = new Table("JOB", "SCHEDULE", "ENABLED");
      ArrayNode changed = MasterClient.JSON.createArrayNode();
      for (JsonNode s : schedules) {
        ObjectNode body = ((ObjectNode) s.deepCopy()).put("enabled", enabled());
        String sid = s.path("id").asText();
        changed.add(api().send("PUT", job(id) + "/schedules/" + MasterClient.enc(sid), body.toString()).body());
        t.row(id, sid, enabled());
      }
      if (schedules.isEmpty()) {
        throw new ApiException("job " + id + " has no schedule to " + (enabled() ? "resume" : "suspend"));
      }
      return print(changed, () -> t);
    }
  }

  /** {@code drover jobs suspend}: see the command's description. */
  @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Disable every schedule of a job.")
  public static final class Suspend extends Toggle {
    @Override
    boolean enabled() {
      return false;
    }
  }

  /** {@code drover jobs resume}: see the command's description. */
  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Enable every schedule of a job.")
  public static final class Resume extends Toggle {
    @Override
    boolean enabled() {
      return true;
    }
  }

  /** {@code drover jobs rm}: see the command's description. */
  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a job.")
  public static final class Remove extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--stop-runs", description = "Kill the job's active runs too (otherwise refused while runs are "
        + "active)") boolean stopRuns;

    @Override
    protected int execute() {
      api().send("DELETE", job(id) + (stopRuns ? "?stopCurrentJobRuns=true" : ""), null);
      out().println("job " + id + " deleted");
      out().flush();
      return ExitCodes.OK;
    }
  }
}
