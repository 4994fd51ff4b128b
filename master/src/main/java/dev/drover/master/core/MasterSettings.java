package dev.drover.master.core;

import java.time.Duration;

/** What the serial loop needs to know about this master: its id and its timings. */
public record MasterSettings(String masterId, Duration allocationInterval, Duration heartbeatInterval,
    Duration pingInterval, Duration defaultRefuse) {}
