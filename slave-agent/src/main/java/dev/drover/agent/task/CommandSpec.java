package dev.drover.agent.task;

import java.util.List;
import java.util.Map;

/**
 * What to run: a shell string ({@code shell}: {@code /bin/sh -c value}) or an argv ({@code value} is the program,
 * {@code arguments} its argv with {@code arguments[0]} as argv[0], as Mesos has it). {@code environment} is added to
 * the agent's own. {@code user} is empty for the agent's (or the image's) user. For a Docker task an empty,
 * non-shell {@code value} means "the image's own entrypoint and command".
 */
public record CommandSpec(boolean shell, String value, List<String> arguments, Map<String, String> environment,
    String user) {
  public CommandSpec {
    value = value == null ? "" : value;
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
    user = user == null ? "" : user;
  }

  public CommandSpec(boolean shell, String value, List<String> arguments, Map<String, String> environment) {
    this(shell, value, arguments, environment, "");
  }

  /** The process's argv. */
  public List<String> argv() {
    if (shell) {
      return List.of("/bin/sh", "-c", value);
    }
    if (value.isEmpty()) {
      return List.of();
    }
    if (arguments.isEmpty()) {
      return List.of(value);
    }
    // arguments[0] is argv[0]; Java cannot set argv[0] apart from the program, so the program path comes first.
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add(value);
    out.addAll(arguments.subList(1, arguments.size()));
    return List.copyOf(out);
  }
}
