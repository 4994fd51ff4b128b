package dev.drover.master.failover;

import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tears down frameworks that stayed away past their {@code failover_timeout}: disconnected ones since their stream
 * ended, recovered ones since the election. A timeout of 0 tears a framework down at the first tick after it
 * disconnects, as in Mesos. Runs on the serial loop.
 */
public final class FrameworkFailover {
  private static final Logger LOG = LoggerFactory.getLogger(FrameworkFailover.class);
  /** Longer timeouts are clamped so that instant arithmetic never overflows. */
  static final Duration MAX = Duration.ofDays(3650);

  private final Cluster cluster;
  private final BiConsumer<FrameworkEntry, String> remove;

  /** @param remove tears a framework down (kills its tasks, forgets it), given why */
  public FrameworkFailover(Cluster cluster, BiConsumer<FrameworkEntry, String> remove) {
    this.cluster = cluster;
    this.remove = remove;
  }

  public void tick(Instant now) {
    for (FrameworkEntry f : new ArrayList<>(cluster.frameworks())) {
      Instant since = f.disconnectedAt();
      if (f.connected() || since == null) {
        continue;
      }
      Duration timeout = timeoutOf(f);
      if (!now.isBefore(since.plus(timeout))) {
        LOG.warn("Framework {} ('{}') stayed away past its failover timeout of {}; tearing it down", f.id(),
            f.info().name(), timeout);
        remove.accept(f, "failover timeout of " + timeout + " expired");
      }
    }
  }

  static Duration timeoutOf(FrameworkEntry f) {
    double seconds = f.info().failoverTimeoutSeconds();
    if (!(seconds > 0)) {
      return Duration.ZERO;
    }
    if (seconds >= MAX.getSeconds()) {
      return MAX;
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
