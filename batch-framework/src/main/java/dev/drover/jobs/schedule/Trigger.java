package dev.drover.jobs.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The times a schedule fires, as instants. Pure and immutable: {@link #nextAfter} depends only on its argument, so
 * the engine can ask about any instant (e.g. the last fired tick after a failover).
 */
public interface Trigger {
  /** The first firing time strictly after {@code t}, or empty when the schedule never fires again. */
  Optional<Instant> nextAfter(Instant t);
}
