package dev.drover.testkit;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;

/** What {@link DroverClusterBuilder} collected. */
record ClusterSettings(int masters, int agents, boolean simulated, String resources, IntFunction<String> attributes,
    Function<SimulatedTask, TaskBehavior> behavior, boolean manualClock, Duration timeout) {}
