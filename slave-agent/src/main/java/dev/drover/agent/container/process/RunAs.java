package dev.drover.agent.container.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a process task as another user: util-linux's {@code setpriv} switches uid, gid and supplementary groups
 * before it execs the command (no PAM session, the task's environment kept). Only an agent running as root can;
 * anything else is refused with a reason.
 */
final class RunAs {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private RunAs() {}

  /** The user's uid and primary gid. */
  record Ids(long uid, long gid) {}

  /**
   * The argv that runs {@code argv} as {@code user}, or {@code argv} itself when the task names no user or the
   * agent's own.
   *
   * @throws IllegalArgumentException with the reason when the task cannot run as that user here
   */
  static List<String> wrap(String user, List<String> argv, Path sandbox) throws IOException {
    if (user.isEmpty() || user.equals(System.getProperty("user.name"))) {
      return argv;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalArgumentException("user: the agent runs as '" + System.getProperty("user.name")
          + "' and cannot run tasks as '" + user + "'");
    }
    if (!Files.isExecutable(SETPRIV)) {
      throw new IllegalArgumentException("user: " + SETPRIV + " (util-linux) is missing, so tasks cannot switch"
          + " to user '" + user + "'");
    }
    Ids ids = lookup(user).orElseThrow(() -> new IllegalArgumentException("user: no such user '" + user + "'"));
    UserPrincipalLookupService users = sandbox.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(sandbox, users.lookupPrincipalByName(user));
    List<String> out = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + ids.uid(), "--regid=" + ids.gid(),
        "--init-groups", "--"));
    out.addAll(argv);
    return out;
  }

  /** Whether a task naming {@code user} (empty = the agent's own) would run as root here. */
  static boolean wouldBeRoot(String user) {
    return user.isEmpty() ? "root".equals(System.getProperty("user.name")) : user.equals("root");
  }

  /** Looks the user up through NSS ({@code id}), so directory users work as well as /etc/passwd ones. */
  static Optional<Ids> lookup(String user) throws IOException {
    if (!user.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
      return Optional.empty();
    }
    String uid = id("-u", user);
    String gid = id("-g", user);
    return uid == null || gid == null ? Optional.empty()
        : Optional.of(new Ids(Long.parseLong(uid), Long.parseLong(gid)));
  }

  private static String id(String flag, String user) throws IOException {
    Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+") ? out : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while looking up user " + user, e);
    }
  }
}
