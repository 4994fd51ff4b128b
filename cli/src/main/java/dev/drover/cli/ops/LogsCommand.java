package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover logs TASK [-f] [--stderr]}: a task's stdout (or stderr) read from its agent's sandbox through the
 * master's {@code /agents/<id>/sandbox/...} proxy; {@code -f} keeps printing what the task appends until interrupted.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print a task's stdout (or --stderr) from its sandbox; -f follows it.")
public final class LogsCommand extends OpsCommand {
  private static final int CHUNK = 1024 * 1024;

  @Parameters(paramLabel = "TASK", description = "The task's id (drover tasks lists them)")
  String taskId;

  @Option(names = {"-f", "--follow"}, description = "Keep printing what the task writes (Ctrl-C to stop)")
  boolean follow;

  @Option(names = "--stderr", description = "stderr instead of stdout")
  boolean stderr;

  @Option(names = "--agent", description = "The task's agent id, for a task the master no longer holds (an ended "
      + "one); with --framework")
  String agentId;

  @Option(names = "--framework", description = "The task's framework id, with --agent")
  String frameworkId;

  @Override
  protected int execute() {
    if ((agentId == null) != (frameworkId == null)) {
      throw new ApiException("--agent and --framework go together", ExitCodes.USAGE);
    }
    String agent = agentId;
    String framework = frameworkId;
    if (agent == null) {
      JsonNode task = findTask();
      agent = task.path("agentId").asText();
      framework = task.path("frameworkId").asText();
    }
    String sandbox = "/agents/" + MasterClient.enc(agent) + "/sandbox/" + MasterClient.enc(framework) + "/"
        + MasterClient.enc(taskId) + "/";
    String file = stderr ? "stderr" : "stdout";
    if (follow) {
      api().stream(sandbox + "follow?path=" + file + "&offset=0", data -> {
        try {
          out().print(MasterClient.JSON.readTree(data).path("data").asText());
          out().flush();
        } catch (IOException e) {
          throw new ApiException("unexpected event from the agent: " + data);
        }
      });
      return ExitCodes.OK;
    }
    long offset = 0;
    while (true) {
      JsonNode r = api().get(sandbox + "read?path=" + file + "&offset=" + offset + "&length=" + CHUNK);
      int length = r.path("length").asInt();
      out().print(r.path("data").asText());
      offset += length;
      if (length == 0 || offset >= r.path("size").asLong()) {
        break;
      }
    }
    out().flush();
    return ExitCodes.OK;
  }

  private JsonNode findTask() {
    JsonNode tasks = api().get("/api/v1/tasks?limit=10000").path("tasks");
    for (JsonNode t : tasks) {
      if (t.path("id").asText().equals(taskId)) {
        return t;
      }
    }
    throw new ApiException("no task " + taskId + " on the leading master (drover tasks lists them; for a task that "
        + "ended, give --agent and --framework)");
  }
}
