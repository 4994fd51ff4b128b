package dev.drover.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's chaos run. In CI: 8 faults (one of each kind, seeded order), about three minutes, zero violations
 * required. The long run is the same test with {@code -Dchaos.faults=200 -Dchaos.report=docs/reliability.md}
 * ({@code scripts/chaos}); {@code -Dchaos.seed} replays a schedule. The seed is printed and in the report.
 */
class ChaosIT {
  @Test
  void faultsBreakNoInvariant() throws Exception {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    int faults = Integer.getInteger("chaos.faults", 8);
    Path report = Path.of(System.getProperty("chaos.report", "target/chaos-report.md"));
    boolean docker = dockerAvailable();
    ChaosRun.Result r = new ChaosRun(new ChaosRun.Options("chaos", seed, faults, docker)).run();
    ChaosReport.write(report, ChaosReport.render(r, "scripts/chaos --faults " + faults));
    System.out.println("chaos: seed " + seed + ", report " + report.toAbsolutePath());
    assertEquals(faults, r.cycles().size());
    assertTrue(r.checks().values().stream().mapToInt(Integer::intValue).sum() > 0, "invariants were checked");
    assertEquals(java.util.List.of(), r.violations(), "seed " + seed);
  }

  private static boolean dockerAvailable() {
    boolean found = new dev.drover.it.DockerProbe().available();
    if (!found && "1".equals(System.getenv("DROVER_REQUIRE_DOCKER"))) {
      throw new IllegalStateException("DROVER_REQUIRE_DOCKER=1 but no Docker engine with local/busybox:latest");
    }
    return found;
  }
}
