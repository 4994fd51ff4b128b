package dev.drover.agent.resources;

import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Works out what an agent offers: detected cpus, mem and disk, the default port range, then the operator's
 * {@code --resources} on top (an entry there replaces the detected one of the same name; new names are added).
 * Reserves follow Mesos: mem and disk keep back min(1 GiB, half) for the host.
 */
public final class ResourceDetector {
  public static final RangeSet DEFAULT_PORTS = RangeSet.of(new Range(31000, 32000));
  private static final long GIB_MB = 1024;

  private ResourceDetector() {}

  /** Detected resources of this host, with disk measured on the file system holding {@code workDir}. */
  public static Resources detect(Path workDir) {
    return Resources.builder()
        .scalar(Resources.CPUS, Runtime.getRuntime().availableProcessors())
        .scalar(Resources.MEM, afterReserve(totalMemoryMb()))
        .scalar(Resources.DISK, afterReserve(usableDiskMb(workDir)))
        .ranges(Resources.PORTS, DEFAULT_PORTS)
        .build();
  }

  /** {@code detected} with every named entry of {@code overrides} replacing (or adding) the one of that name. */
  public static Resources merge(Resources detected, Resources overrides) {
    Resources.Builder b = detected.toBuilder();
    overrides.scalarNames().forEach(n -> b.scalar(n, overrides.scalar(n)));
    overrides.rangeNames().forEach(n -> b.ranges(n, overrides.ranges(n)));
    overrides.setNames().forEach(n -> b.set(n, overrides.set(n)));
    return b.build();
  }

  /** What is left for tasks of {@code totalMb} after keeping back min(1 GiB, half). */
  public static long afterReserve(long totalMb) {
    return totalMb - Math.min(GIB_MB, totalMb / 2);
  }

  static long totalMemoryMb() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024);
    }
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  static long usableDiskMb(Path workDir) {
    try {
      Path existing = workDir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace() / (1024 * 1024);
    } catch (IOException e) {
      return 0;
    }
  }
}
