package dev.drover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Rewrites one {@code <!-- bench:NAME -->} region of docs/benchmarks.md, describes the machine and its load, and
 * closes what a whole-system run started.
 */
public final class BenchDoc {
  private BenchDoc() {}

  public static void rewrite(Path doc, String name, String region) throws IOException {
    if (doc == null || !Files.exists(doc)) {
      return;
    }
    String text = Files.readString(doc);
    String open = "<!-- bench:" + name + " -->";
    String close = "<!-- /bench:" + name + " -->";
    int from = text.indexOf(open);
    int to = text.indexOf(close);
    if (from >= 0 && to > from) {
      Files.writeString(doc, text.substring(0, from + open.length()) + "\n" + region + text.substring(to));
      System.out.println("Rewrote the bench:" + name + " region of " + doc);
    }
  }

  public static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), JDK "
        + System.getProperty("java.vm.version") + ", " + LocalDate.now(ZoneOffset.UTC);
  }

  /** The 1-minute load average, or "unknown" off Linux: the machine is shared, so each figure names it. */
  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Closes {@code closers} newest first; a failure is printed and the rest still close. */
  public static void closeAll(java.util.List<? extends AutoCloseable> closers) {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        System.err.println("close: " + e);
      }
    }
  }

  /** The median, p99 and maximum of {@code xs} as {@code "p50 / p99 / max"}, or a dash when there is none. */
  public static String percentiles(java.util.List<Long> xs) {
    if (xs.isEmpty()) {
      return "–";
    }
    java.util.List<Long> s = new java.util.ArrayList<>(xs);
    java.util.Collections.sort(s);
    return s.get((int) Math.floor(0.5 * (s.size() - 1))) + " / " + s.get((int) Math.floor(0.99 * (s.size() - 1)))
        + " / " + s.get(s.size() - 1);
  }
}
