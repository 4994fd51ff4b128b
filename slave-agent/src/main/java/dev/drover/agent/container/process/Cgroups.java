package dev.drover.agent.container.process;

import dev.drover.model.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory and cpu limits for process tasks through cgroups, v2 (unified) or v1 (memory and cpu hierarchies), under
 * {@code drover/<scope>}: a group of this agent's own, so that several agents on one host (as {@code drover local}
 * runs them) never sweep or reuse each other's groups. The scope comes from the agent's work dir, so an agent
 * restarted on the same work dir finds its tasks' groups again. {@link #detect} says plainly why limits are off when the host does not
 * allow them (no cgroup file system, read-only, controllers missing); the agent logs and shows that. Thread-safe.
 */
public final class Cgroups {
  private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
  static final long CPU_PERIOD_US = 100_000;

  /** The cgroup of one task: the {@code cgroup.procs} files to join, and what to read and remove afterwards. */
  public record Group(List<Path> dirs, List<Path> procs, Optional<Path> oomEvents) {}

  private final int version;
  private final Path root;
  private final String scope;
  private final String description;

  private Cgroups(int version, Path root, String scope, String description) {
    this.version = version;
    this.root = root;
    this.scope = scope;
    this.description = description;
  }

  /** Probes {@code /sys/fs/cgroup} by creating (and removing) a group, for the agent working in {@code workDir}. */
  public static Cgroups detect(Path workDir) {
    return detect(Path.of("/sys/fs/cgroup"), scopeOf(workDir));
  }

  /** The agent's own group name: {@code agent-} and a hash of its work dir's absolute path. */
  static String scopeOf(Path workDir) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(workDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return "agent-" + java.util.HexFormat.of().formatHex(h, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);  // every JDK has SHA-256
    }
  }

  static Cgroups detect(Path fs, String scope) {
    Cgroups c;
    if (Files.exists(fs.resolve("cgroup.controllers"))) {
      c = probe(2, fs, scope, "cgroups v2 at " + fs);
    } else if (Files.isDirectory(fs.resolve("memory")) && Files.isDirectory(fs.resolve("cpu"))) {
      c = probe(1, fs, scope, "cgroups v1 at " + fs + " (memory, cpu)");
    } else {
      c = new Cgroups(0, fs, scope, "off: no cgroup v1 memory/cpu hierarchies or v2 file system at " + fs);
    }
    if (c.enabled()) {
      c.sweep();
      LOG.info("Process tasks get memory and cpu limits through {}", c.description);
    } else {
      LOG.warn("Process tasks run WITHOUT memory and cpu limits: cgroups {}", c.description);
    }
    return c;
  }

  private static Cgroups probe(int version, Path fs, String scope, String description) {
    Cgroups c = new Cgroups(version, fs, scope, description + ", group drover/" + scope);
    try {
      if (version == 2) {
        enableControllers(fs);
        Files.createDirectories(fs.resolve("drover").resolve(scope));
        enableControllers(fs.resolve("drover"));
        enableControllers(fs.resolve("drover").resolve(scope));
      }
      Group g = c.create("probe-" + ProcessHandle.current().pid(), Resources.parse("cpus:1;mem:64"));
      c.remove(g);
      return c;
    } catch (IOException | RuntimeException e) {
      return new Cgroups(0, fs, scope, "off: " + description + " is not writable here (" + e.getMessage() + ")");
    }
  }

  public boolean enabled() {
    return version > 0;
  }

  /** E.g. {@code cgroups v1 at /sys/fs/cgroup (memory, cpu)} or {@code off: ...why}. */
  public String description() {
    return description;
  }

  /** Creates the task's group with its limits: memory (MB) as a hard limit, cpus as shares/weight and a quota. */
  public Group create(String name, Resources r) throws IOException {
    long mem = Math.round(r.scalar("mem") * 1024 * 1024);
    double cpus = r.scalar("cpus");
    long quota = Math.max(1000, Math.round(cpus * CPU_PERIOD_US));
    if (version == 2) {
      Path dir = root.resolve("drover").resolve(scope).resolve(name);
      Files.createDirectories(dir);
      if (mem > 0) {
        write(dir.resolve("memory.max"), Long.toString(mem));
        write(dir.resolve("memory.swap.max"), "0");
      }
      if (cpus > 0) {
        write(dir.resolve("cpu.max"), quota + " " + CPU_PERIOD_US);
        write(dir.resolve("cpu.weight"), Long.toString(Math.max(1, Math.min(10_000, Math.round(cpus * 100)))));
      }
      return new Group(List.of(dir), List.of(dir.resolve("cgroup.procs")), Optional.of(dir.resolve("memory.events")));
    }
    Path memDir = root.resolve("memory").resolve("drover").resolve(scope).resolve(name);
    Path cpuDir = root.resolve("cpu").resolve("drover").resolve(scope).resolve(name);
    Files.createDirectories(memDir);
    Files.createDirectories(cpuDir);
    if (mem > 0) {
      write(memDir.resolve("memory.limit_in_bytes"), Long.toString(mem));
    }
    if (cpus > 0) {
      write(cpuDir.resolve("cpu.shares"), Long.toString(Math.max(2, Math.round(cpus * 1024))));
      write(cpuDir.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
      write(cpuDir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
    }
    return new Group(List.of(memDir, cpuDir), List.of(memDir.resolve("cgroup.procs"), cpuDir.resolve("cgroup.procs")),
        Optional.of(memDir.resolve("memory.oom_control")));
  }

  /** The group's path for a task, without creating it (for a task found again after a restart). */
  public Group existing(String name) {
    if (version == 2) {
      Path dir = root.resolve("drover").resolve(scope).resolve(name);
      return new Group(List.of(dir), List.of(dir.resolve("cgroup.procs")), Optional.of(dir.resolve("memory.events")));
    }
    Path memDir = root.resolve("memory").resolve("drover").resolve(scope).resolve(name);
    Path cpuDir = root.resolve("cpu").resolve("drover").resolve(scope).resolve(name);
    return new Group(List.of(memDir, cpuDir), List.of(memDir.resolve("cgroup.procs"), cpuDir.resolve("cgroup.procs")),
        Optional.of(memDir.resolve("memory.oom_control")));
  }

  /** Whether the kernel's OOM killer killed something in the group ({@code oom_kill} above 0). */
  public static boolean oomKilled(Group g) {
    if (g.oomEvents().isEmpty()) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(g.oomEvents().get(), StandardCharsets.UTF_8)) {
        String[] kv = line.trim().split("\\s+");
        if (kv.length == 2 && kv[0].equals("oom_kill") && Long.parseLong(kv[1]) > 0) {
          return true;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }

  /** SIGKILLs every process in the group (what a task left behind when its main process ended unwatched). */
  public void killAll(Group g) {
    for (Path procs : g.procs()) {
      try {
        for (String line : Files.readAllLines(procs, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      } catch (IOException | NumberFormatException e) {
        LOG.debug("Cannot read {}: {}", procs, e.toString());
      }
    }
  }

  /**
   * Removes the group's directories, waiting up to a second for processes just killed to leave them; a group
   * still busy after that is left for the next agent start to sweep.
   */
  public void remove(Group g) {
    List<Path> dirs = new ArrayList<>(g.dirs());
    for (int attempt = 0; attempt < 20 && !dirs.isEmpty(); attempt++) {
      dirs.removeIf(d -> {
        try {
          Files.deleteIfExists(d);
          return true;
        } catch (IOException busy) {
          return false;
        }
      });
      if (!dirs.isEmpty()) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (!dirs.isEmpty()) {
      LOG.debug("Cgroups {} still busy; left for the next sweep", dirs);
    }
  }

  /**
   * Removes the empty groups an earlier run left behind (tasks that ended while no agent watched them). A group
   * that still holds processes cannot be removed and stays, for its task to be recovered.
   */
  private void sweep() {
    List<Path> parents = version == 2 ? List.of(root.resolve("drover").resolve(scope))
        : List.of(root.resolve("memory").resolve("drover").resolve(scope),
            root.resolve("cpu").resolve("drover").resolve(scope));
    for (Path parent : parents) {
      try (var groups = Files.list(parent)) {
        for (Path g : groups.filter(Files::isDirectory).toList()) {
          try {
            Files.delete(g);
            LOG.debug("Removed leftover cgroup {}", g);
          } catch (IOException busy) {
            // still has processes: a task to recover
          }
        }
      } catch (IOException e) {
        LOG.debug("Cannot list {}: {}", parent, e.toString());
      }
    }
  }

  private static void enableControllers(Path dir) throws IOException {
    Path control = dir.resolve("cgroup.subtree_control");
    String have = Files.exists(control) ? Files.readString(control) : "";
    for (String c : List.of("memory", "cpu")) {
      if (!have.contains(c)) {
        write(control, "+" + c);
      }
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.UTF_8);
  }
}
