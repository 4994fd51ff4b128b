package dev.drover.apps.engine;

/**
 * The last task of an app that failed (Marathon's {@code lastTaskFailure}). Immutable, JSON-friendly.
 *
 * @param appId the app
 * @param taskId the failed task
 * @param state the terminal state, e.g. {@code TASK_FAILED}
 * @param message the agent's or master's message
 * @param host where it ran
 * @param slaveId the agent id
 * @param timestamp when it failed, ISO-8601
 * @param version the app version it ran
 */
public record TaskFailureView(String appId, String taskId, String state, String message, String host,
    String slaveId, String timestamp, String version) {}
