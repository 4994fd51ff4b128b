package dev.drover.agent.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the agent's operator allows containers to do.
 *
 * @param dockerHost the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param allowPrivileged whether Docker tasks may ask for {@code privileged} (off by default)
 * @param allowedHostPaths host directories (and what lies below them) Docker tasks may mount; none by default
 * @param pullTimeout how long an image pull may take before the task fails with IMAGE_UNAVAILABLE
 */
public record ContainerOptions(String dockerHost, boolean allowPrivileged, List<Path> allowedHostPaths,
    Duration pullTimeout) {
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  public ContainerOptions {
    Objects.requireNonNull(dockerHost, "dockerHost");
    allowedHostPaths = allowedHostPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    Objects.requireNonNull(pullTimeout, "pullTimeout");
  }

  public static ContainerOptions defaults() {
    return new ContainerOptions(DEFAULT_DOCKER_HOST, false, List.of(), Duration.ofMinutes(5));
  }

  /** Whether {@code hostPath} lies within one of the allowed directories. */
  public boolean hostPathAllowed(String hostPath) {
    Path p = Path.of(hostPath).toAbsolutePath().normalize();
    return allowedHostPaths.stream().anyMatch(p::startsWith);
  }

  public ContainerOptions withDockerHost(String host) {
    return new ContainerOptions(host, allowPrivileged, allowedHostPaths, pullTimeout);
  }

  public ContainerOptions withAllowPrivileged(boolean allow) {
    return new ContainerOptions(dockerHost, allow, allowedHostPaths, pullTimeout);
  }

  public ContainerOptions withAllowedHostPaths(List<Path> paths) {
    return new ContainerOptions(dockerHost, allowPrivileged, paths, pullTimeout);
  }

  public ContainerOptions withPullTimeout(Duration d) {
    return new ContainerOptions(dockerHost, allowPrivileged, allowedHostPaths, d);
  }
}
