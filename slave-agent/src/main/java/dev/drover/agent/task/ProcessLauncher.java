package dev.drover.agent.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a task's process in its sandbox, with stdout and stderr appended to the sandbox files of those names. When
 * {@code setsid} is available the process runs in a new session, so it leads its own process group (pgid == pid);
 * the JVM's child is never a group leader, so {@code setsid} execs in place rather than forking.
 */
public final class ProcessLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);

  private final String setsid;

  private ProcessLauncher(String setsid) {
    this.setsid = setsid;
  }

  /**
   * Uses {@code setsid} from the PATH (or /usr/bin, /bin); warns and runs without process groups otherwise. On JDKs
   * before 21 it also asks the JDK to start processes with {@code vfork} (the default up to JDK 11) unless
   * {@code jdk.lang.Process.launchMechanism} is set: the default {@code posix_spawn} goes through an extra exec of
   * {@code jspawnhelper}, about 0.7 ms of a 1.6 ms spawn here. It takes effect only if this JVM has not started a
   * process yet (the agent's own JVM has not).
   */
  public static ProcessLauncher detect() {
    if (System.getProperty("jdk.lang.Process.launchMechanism") == null && Runtime.version().feature() < 21) {
      System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "setsid"));
      }
    }
    candidates.add(Path.of("/usr/bin/setsid"));
    candidates.add(Path.of("/bin/setsid"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        LOG.info("Tasks run in their own process group via {}", p);
        return new ProcessLauncher(p.toString());
      }
    }
    LOG.warn("setsid not found: tasks share the agent's process group; a kill reaches only the task's process"
        + " and the descendants it still has");
    return new ProcessLauncher(null);
  }

  /** Whether launched processes lead their own process group. */
  public boolean usesProcessGroups() {
    return setsid != null;
  }

  /**
   * Starts {@code argv} in {@code sandbox}.
   *
   * @throws IOException when the program cannot be found or started (checked up front: behind {@code setsid} a
   *     missing program would otherwise look like a task that ran and failed)
   */
  public Process launch(List<String> argv, Path sandbox, Map<String, String> environment) throws IOException {
    return launch(argv, sandbox, environment, List.of());
  }

  /**
   * As {@link #launch(List, Path, Map)}, but the process first writes its pid into each of {@code cgroupProcs}
   * (the {@code cgroup.procs} files of its groups) and only then execs {@code argv} (or, for a shell command, runs
   * it in the same shell), so its limits hold from its first instruction on.
   */
  public Process launch(List<String> argv, Path sandbox, Map<String, String> environment, List<Path> cgroupProcs)
      throws IOException {
    if (argv.isEmpty()) {
      throw new IOException("no command");
    }
    String program = argv.get(0);
    if (!resolvable(program, sandbox, environment.getOrDefault("PATH", System.getenv("PATH")))) {
      throw new IOException("program '" + program + "' not found or not executable");
    }
    List<String> command = new ArrayList<>();
    if (setsid != null) {
      command.add(setsid);
    }
    if (!cgroupProcs.isEmpty() && argv.size() == 3 && argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c")) {
      // A shell command: its own shell joins the groups first (one exec fewer than a wrapper shell).
      StringBuilder script = new StringBuilder();
      cgroupProcs.forEach(p -> script.append("echo $$ > ").append(quote(p.toString())).append(" || exit 125; "));
      command.addAll(List.of("/bin/sh", "-c", script.append('\n').append(argv.get(2)).toString()));
    } else {
      if (!cgroupProcs.isEmpty()) {
        command.addAll(List.of("/bin/sh", "-c",
            "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"",
            "drover-cgroup"));
        cgroupProcs.forEach(p -> command.add(p.toString()));
        command.add("--");
      }
      command.addAll(argv);
    }
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(sandbox.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
    pb.environment().putAll(environment);
    return pb.start();
  }

  /** {@code s} as one single-quoted shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static boolean resolvable(String program, Path sandbox, String path) {
    if (program.contains("/")) {
      return Files.isExecutable(sandbox.resolve(program));
    }
    for (String dir : (path == null ? "" : path).split(":")) {
      if (!dir.isBlank() && Files.isExecutable(sandbox.resolve(dir).resolve(program))) {
        return true;
      }
    }
    return false;
  }
}
