package dev.drover.agent.task;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals a task's processes. A task started through {@code setsid} leads its own process group (pgid == pid), so
 * the whole group is signalled with {@code kill -SIG -- -pgid} and children that outlived the shell die too. Without
 * a group, the process and the descendants it still has are signalled through {@link ProcessHandle}.
 */
public final class ProcessGroups {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);

  private ProcessGroups() {}

  public static void terminate(long pid, boolean group) {
    signal(pid, group, "TERM");
  }

  public static void kill(long pid, boolean group) {
    signal(pid, group, "KILL");
  }

  /** Whether any process of group {@code pgid} is still alive ({@code kill -0}). */
  public static boolean groupAlive(long pgid) {
    return run("-0", pgid) == 0;
  }

  private static void signal(long pid, boolean group, String signal) {
    if (group) {
      int rc = run("-" + signal, pid);
      LOG.debug("kill -{} -{} exited {}", signal, pid, rc);
      return;
    }
    ProcessHandle.of(pid).ifPresent(p -> {
      p.descendants().forEach(d -> destroy(d, signal));
      destroy(p, signal);
    });
  }

  private static void destroy(ProcessHandle p, String signal) {
    if ("KILL".equals(signal)) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
  }

  private static int run(String signalArg, long pgid) {
    try {
      Process p = new ProcessBuilder("kill", signalArg, "--", "-" + pgid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      LOG.warn("Cannot run kill {} -{}: {}", signalArg, pgid, e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
