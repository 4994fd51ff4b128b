package dev.drover.sdk;

import java.util.List;
import java.util.Objects;

/**
 * What a task runs: a shell string (run with {@code /bin/sh -c}) or an argv (run directly, {@code argv[0]} is the
 * program). Immutable and thread-safe.
 */
public sealed interface Command {

  /** A command line run by {@code /bin/sh -c}. */
  record Shell(String command) implements Command {
    public Shell {
      Objects.requireNonNull(command, "command");
    }
  }

  /** A program and its arguments, run without a shell; {@code argv.get(0)} is the program. */
  record Argv(List<String> argv) implements Command {
    public Argv {
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("argv must name a program");
      }
    }
  }

  /** No command of its own: the container image's entrypoint runs (Docker tasks only). */
  record None() implements Command {}

  static Command shell(String command) {
    return new Shell(command);
  }

  static Command argv(String... argv) {
    return new Argv(List.of(argv));
  }
}
