package dev.drover.bench.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy each core was between two samples of {@code /proc/stat} (Linux): the share of its ticks not idle or
 * waiting for I/O. Tells which side of a pinned run was the bottleneck. Empty where {@code /proc/stat} is missing.
 */
final class CoreBusy {
  private CoreBusy() {}

  /** Per core: {busy ticks, all ticks}. */
  static List<long[]> sample() {
    List<long[]> cores = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
          String[] f = line.trim().split("\\s+");
          long all = 0;
          for (int i = 1; i < f.length; i++) {
            all += Long.parseLong(f[i]);
          }
          long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
          cores.add(new long[] {all - idle, all});
        }
      }
    } catch (IOException | RuntimeException e) {
      cores.clear();
    }
    return cores;
  }

  /** Each core's busy share between {@code before} and {@code after}, in percent (0 where nothing was counted). */
  static double[] between(List<long[]> before, List<long[]> after) {
    int n = Math.min(before.size(), after.size());
    double[] busy = new double[n];
    for (int i = 0; i < n; i++) {
      long all = after.get(i)[1] - before.get(i)[1];
      busy[i] = all <= 0 ? 0 : 100.0 * (after.get(i)[0] - before.get(i)[0]) / all;
    }
    return busy;
  }
}
