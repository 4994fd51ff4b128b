package dev.drover.agent.container.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's state from {@code /proc/<pid>/stat}. A process the agent adopted after a restart is not its
 * child, so when it dies it may linger as a zombie until whoever inherited it reaps it; a zombie has ended.
 */
final class ProcStat {
  private ProcStat() {}

  /** Whether {@code pid} exists and is not a zombie ({@code Z}) or dead ({@code X}). */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return h.isAlive();  // no /proc here (or it just went): trust the JDK
    }
  }
}
