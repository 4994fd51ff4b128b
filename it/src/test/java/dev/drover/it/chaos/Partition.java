package dev.drover.it.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts one process off the network without touching anything else on the machine: the process is moved into its
 * own cgroup (v2), the mangle table marks every connection that process sends on, and the filter table drops
 * every packet of marked connections both ways. Loopback traffic of other processes is untouched. Needs root,
 * iptables with the cgroup and connmark matches and a cgroup2 mount; {@link #available} probes for them.
 */
final class Partition {
  private static final Path CGROUP2 = findCgroup2();
  private final String group;
  private final String mark;
  private boolean active;

  Partition(String name, int mark) {
    this.group = "drover-chaos-" + name;
    this.mark = "0x" + Integer.toHexString(mark);
  }

  /** The cgroup v2 hierarchy: the hybrid layout's {@code unified} mount, or a pure v2 {@code /sys/fs/cgroup}. */
  private static Path findCgroup2() {
    for (Path p : List.of(Path.of("/sys/fs/cgroup/unified"), Path.of("/sys/fs/cgroup"))) {
      if (Files.exists(p.resolve("cgroup.procs")) && Files.exists(p.resolve("cgroup.controllers"))) {
        return p;
      }
    }
    return null;
  }

  /** Whether this machine lets the test partition a process (root, iptables, cgroup2); probed once. */
  static boolean available() {
    if (CGROUP2 == null) {
      return false;
    }
    Partition probe = new Partition("probe", 0x7a10);
    Path dir = CGROUP2.resolve(probe.group);
    try {
      Files.createDirectories(dir);
      probe.rules("-I");
      probe.rules("-D");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException | RuntimeException e) {
        // not made, or not ours to remove
      }
    }
  }

  /** Moves {@code pid} into the partition's cgroup and drops its traffic. */
  void cut(long pid) throws IOException {
    Path dir = CGROUP2.resolve(group);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
    rules("-I");
    active = true;
  }

  /** Lets its traffic through again (the process stays in the cgroup, which no longer matters). */
  void heal() throws IOException {
    if (active) {
      rules("-D");
      active = false;
    }
  }

  private void rules(String op) throws IOException {
    iptables("-t", "mangle", op, "OUTPUT", "-m", "cgroup", "--path", group, "-j", "CONNMARK", "--set-mark", mark);
    iptables(op, "OUTPUT", "-m", "connmark", "--mark", mark, "-j", "DROP");
    iptables(op, "INPUT", "-m", "connmark", "--mark", mark, "-j", "DROP");
  }

  private static void iptables(String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("iptables", "-w"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
