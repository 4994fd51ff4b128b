package dev.drover.it.chaos;

import dev.drover.it.cluster.InstallLayout;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One chaos run: starts {@link InstallLayout}, drives the {@link Workload}, injects {@code faults} faults chosen by
 * a seeded schedule (each block of eight is a shuffle of every {@link Fault} kind, so short runs see each kind),
 * and after each one waits until the cluster serves again and checks the {@link Invariants}. A sampler thread
 * checks the continuous invariants every second. The result lists what was done and every violation.
 */
final class ChaosRun {
  /** What to run. */
  record Options(String name, long seed, int faults, boolean docker) {}

  /** One fault cycle: what was injected and how long healing and settling took. */
  record Cycle(int n, Fault fault, String what, String step, Duration settle) {}

  /** What a run did and found. */
  record Result(Options options, Instant started, Duration duration, boolean realPartitions,
      Map<Fault, Integer> injected, Map<String, Integer> checks, List<Violation> violations, List<Cycle> cycles,
      Map<String, Integer> missedTicks) {}

  private final Options options;
  private final Clock clock = Clock.systemUTC();

  ChaosRun(Options options) {
    this.options = options;
  }

  /** The fault kinds in the order the seed gives. */
  static List<Fault> schedule(long seed, int faults) {
    Random random = new Random(seed);
    List<Fault> out = new ArrayList<>();
    while (out.size() < faults) {
      List<Fault> block = new ArrayList<>(Arrays.asList(Fault.values()));
      Collections.shuffle(block, random);
      out.addAll(block.subList(0, Math.min(block.size(), faults - out.size())));
    }
    return out;
  }

  Result run() throws Exception {
    Instant started = clock.instant();
    Random random = new Random(options.seed() ^ 0x5eed);
    System.out.println("chaos: seed " + options.seed() + ", " + options.faults() + " faults, docker "
        + options.docker());
    Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    List<Cycle> cycles = new ArrayList<>();
    try (InstallLayout layout = InstallLayout.start(options.name() + "-" + options.seed())) {
      layout.awaitServing(Duration.ofSeconds(180));
      Workload workload = new Workload(layout, random, clock, options.docker());
      Invariants invariants = new Invariants(layout, workload, clock);
      workload.setUp();
      invariants.converged();
      Sampler sampler = new Sampler(invariants);
      Thread samplerThread = new Thread(sampler, "chaos-sampler");
      samplerThread.setDaemon(true);
      samplerThread.start();
      boolean partitions = Partition.available();
      System.out.println("chaos: network partitions " + (partitions ? "by iptables" : "fall back to SIGSTOP"));
      Result result;
      try (FaultInjector injector = new FaultInjector(layout, random, partitions)) {
        int n = 0;
        for (Fault fault : schedule(options.seed(), options.faults())) {
          n++;
          String step;
          synchronized (invariants.lock) {
            step = workload.step();
          }
          sampler.healed = false;
          String what = injector.inject(fault);
          injected.merge(fault, 1, Integer::sum);
          Instant healedAt = clock.instant();
          try {
            layout.awaitServing(Invariants.CONVERGE);
          } catch (AssertionError e) {
            invariants.violate("serves again after healing", e.getMessage());
          }
          Instant served = clock.instant();
          invariants.converged();
          Instant convergedAt = clock.instant();
          invariants.tasksAgree();
          sampler.healed = true;
          String phases = "serving " + Duration.between(healedAt, served).toMillis() + " ms, converged "
              + Duration.between(served, convergedAt).toMillis() + " ms, tasks agree "
              + Duration.between(convergedAt, clock.instant()).toMillis() + " ms";
          Cycle c = new Cycle(n, fault, what, step + " (" + phases + ")",
              Duration.between(healedAt, clock.instant()));
          cycles.add(c);
          System.out.printf("chaos: %d/%d %s: %s; %s; settled in %d ms%n", n, options.faults(), fault, what, step,
              c.settle().toMillis());
        }
        sampler.stop = true;
        samplerThread.join(10_000);
        Map<String, Integer> missed = invariants.cronExactlyOnce();
        result = new Result(options, started, Duration.between(started, clock.instant()), partitions, injected,
            invariants.checks(), invariants.violations(), cycles, missed);
      }
      cleanUp(workload);
      return result;
    }
  }

  /** Removes the apps (and so their Docker containers) before the layout stops. */
  private static void cleanUp(Workload workload) {
    for (Workload.App app : workload.apps.values()) {
      workload.send(workload.appsNodes(), "DELETE", "/v2/apps" + app.id + "?force=true", null);
    }
  }

  /** Samples the continuous invariants every second. */
  private static final class Sampler implements Runnable {
    private final Invariants invariants;
    volatile boolean healed = true;
    volatile boolean stop;

    Sampler(Invariants invariants) {
      this.invariants = invariants;
    }

    @Override
    public void run() {
      while (!stop) {
        try {
          invariants.sample(healed);
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          System.out.println("chaos: sampler: " + e);
        }
      }
    }
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    String mem;
    try {
      mem = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).get(0)
          .replaceAll("\\s+", " ");
    } catch (IOException | RuntimeException e) {
      mem = "memory unknown";
    }
    return rt.availableProcessors() + " cores, " + mem + ", " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
  }
}
