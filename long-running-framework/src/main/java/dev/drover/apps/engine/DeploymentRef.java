package dev.drover.apps.engine;

/**
 * What starting a deployment answers (Marathon's {@code {"deploymentId", "version"}}). Immutable, JSON-friendly.
 *
 * @param deploymentId the deployment's id (a UUID)
 * @param version the deployment's version, ISO-8601 with milliseconds
 */
public record DeploymentRef(String deploymentId, String version) {}
