package dev.drover.apps.engine.core;

import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.KillReason;
import dev.drover.model.TaskState;
import java.time.Duration;

/**
 * The drain period before a kill (zero-downtime deploys): a RUNNING instance about to be killed is first announced as
 * draining, so routers stop sending it new requests, and its kill is sent only when the period is over. Instances
 * that serve nothing (not running yet, or killed for failing their health check) are killed at once. Stateless.
 */
final class Drain {
  /** App label overriding the engine's default drain period, in whole seconds (0 = none). */
  static final String LABEL = "DROVER_DRAIN_SECONDS";
  /** The longest drain accepted from a label. */
  static final Duration MAX = Duration.ofMinutes(10);

  private Drain() {}

  /** How long {@code i} (of {@code spec}, null when unknown) drains before being killed for {@code reason}. */
  static Duration period(Instance i, RunSpec spec, KillReason reason, Duration fallback) {
    if (i.state() != TaskState.RUNNING || reason == KillReason.UNHEALTHY || reason == KillReason.EXPUNGE) {
      return Duration.ZERO;
    }
    String label = spec == null ? null : spec.labels().get(LABEL);
    if (label != null) {
      try {
        long seconds = Long.parseLong(label.trim());
        if (seconds >= 0) {
          Duration d = Duration.ofSeconds(seconds);
          return d.compareTo(MAX) > 0 ? MAX : d;
        }
      } catch (NumberFormatException e) {
        // not a number: the default applies
      }
    }
    return fallback;
  }
}
