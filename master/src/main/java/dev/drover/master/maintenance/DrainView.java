package dev.drover.master.maintenance;

import java.time.Duration;
import java.time.Instant;

/**
 * One agent under maintenance, for the operator API: DRAINING while it still has live tasks, DRAINED once it has
 * none. Immutable.
 */
public record DrainView(String agentId, String hostname, String state, Instant since, Duration gracePeriod,
    boolean kill, int liveTasks) {}
