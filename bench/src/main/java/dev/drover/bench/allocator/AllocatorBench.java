package dev.drover.bench.allocator;

import dev.drover.bench.BenchDoc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AllocationCycleBenchmark} with few forks and iterations (a few minutes on 2 cores), prints a table and
 * rewrites the {@code bench:allocator} region of {@code docs/benchmarks.md}. Usage: {@code bench/run allocator}, or
 * {@code java -cp ... dev.drover.bench.allocator.AllocatorBench [docs/benchmarks.md]}.
 */
public final class AllocatorBench {
  private static final Map<String, String> ANCHORS = Map.of("1000/100", "0.07 s", "5000/500", "0.4 s",
      "10000/1000", "1.1 s", "20000/2000", "3.8 s");
  private static final Map<String, String> TARGETS = Map.of("10000/1000", "≤ 100 ms", "20000/2000", "≤ 400 ms");
  private static final String[] SIZES = {"1000/100", "5000/500", "10000/1000", "20000/2000"};
  private static final String[] VARIANTS = {"plain", "half-suppressed", "filtered"};

  private AllocatorBench() {}

  public static void main(String[] args) throws RunnerException, IOException {
    String machine = machine();
    Path doc = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    Options options = new OptionsBuilder()
        .include(AllocationCycleBenchmark.class.getName() + ".cycle")
        .forks(1)
        .warmupIterations(5)
        .measurementIterations(10)
        .jvmArgsAppend("-Xmx3g", "-XX:+UseParallelGC")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> byKey = new TreeMap<>();
    for (RunResult r : results) {
      String key = r.getParams().getParam("size") + " " + r.getParams().getParam("variant");
      byKey.put(key, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    String region = region(byKey, machine);
    System.out.println(region);
    BenchDoc.rewrite(doc, "allocator", region);
  }

  static String region(Map<String, double[]> byKey, String machine) {
    StringBuilder sb = new StringBuilder();
    sb.append("One allocation cycle of `HierarchicalAllocator` (hierarchical DRF) over every agent, one role; each agent\n")
        .append("`cpus:24;mem:4096;disk:4096;ports:[31000-32000]`. JMH single-shot time, 1 fork, 5 warm-up and 10 measured\n")
        .append("cycles; mean ± 99.9 % error, in milliseconds. *half-suppressed*: every other framework suppressed;\n")
        .append("*filtered*: each agent declined (refuse 1 h) by the five frameworks that would come first.\n\n")
        .append("| agents / frameworks | plain (ms) | half suppressed (ms) | filtered (ms) | target | Mesos 1.8 anchor |\n")
        .append("|---|---|---|---|---|---|\n");
    for (String size : SIZES) {
      sb.append("| ").append(size.replace("/", " / "));
      for (String variant : VARIANTS) {
        double[] v = byKey.get(size + " " + variant);
        sb.append(" | ").append(v == null ? "n/a" : String.format(Locale.ROOT, "%.1f ± %.1f", v[0], v[1]));
      }
      sb.append(" | ").append(TARGETS.getOrDefault(size, "—")).append(" | ").append(ANCHORS.get(size))
          .append(" |\n");
    }
    sb.append("\nCommand: `bench/run allocator`.\nMachine: ").append(machine).append(".\n");
    return sb.toString();
  }

  private static String machine() {
    return BenchDoc.machine() + " (" + System.getProperty("java.vm.name") + "); load average " + BenchDoc.loadAverage()
        + " when the run started (other builds shared the machine)";
  }


}
