package dev.drover.it.badinput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the generated cases per endpoint; prints the table (and the total) when the JVM ends and writes it to
 * {@code target/badinput-tally.md}, so docs/reliability.md can be refreshed from a run.
 */
final class Tally {
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Tally::report));
  }

  private Tally() {}

  static void count(String endpoint) {
    COUNTS.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
  }

  static String table() {
    StringBuilder sb = new StringBuilder("| endpoint | cases |\n| --- | ---: |\n");
    int total = 0;
    for (Map.Entry<String, AtomicInteger> e : new TreeMap<>(COUNTS).entrySet()) {
      sb.append("| `").append(e.getKey()).append("` | ").append(e.getValue().get()).append(" |\n");
      total += e.getValue().get();
    }
    return sb.append("| **total** | **").append(total).append("** |\n").toString();
  }

  private static void report() {
    String t = table();
    System.out.println("Bad-input cases per endpoint:\n" + t);
    try {
      Files.writeString(Path.of("target", "badinput-tally.md"), t);
    } catch (IOException e) {
      System.out.println("could not write target/badinput-tally.md: " + e);
    }
  }
}
