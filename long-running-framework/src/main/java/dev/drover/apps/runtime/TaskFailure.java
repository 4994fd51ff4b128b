package dev.drover.apps.runtime;

import java.time.Instant;

/** The last failed task of an app ({@code lastTaskFailure}): its id, state, message, host, time and app version. */
public record TaskFailure(String appId, String taskId, String state, String message, String host, String agentId,
    Instant timestamp, String version) {}
