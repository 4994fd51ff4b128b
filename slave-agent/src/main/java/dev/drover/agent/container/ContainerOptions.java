package dev.drover.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent's operator allows containers to do.
 *
 * @param dockerHost the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param allowPrivileged whether Docker tasks may ask for {@code privileged} (off by default)
 * @param allowedHostPaths host directories (and what lies below them) Docker tasks may mount; none by default
 * @param pullTimeout how long an image pull may take before the task fails with IMAGE_UNAVAILABLE
 * @param allowHostNetwork whether Docker tasks may use the host's network (off by default; docs/security.md)
 * @param allowRootTasks whether tasks may run as root, explicitly or because they name no user and the agent runs as
 *     root (on by default here, for embedding and tests; {@code drover agent} turns it off unless
 *     {@code --allow-root-tasks})
 */
public record ContainerOptions(String dockerHost, boolean allowPrivileged, List<Path> allowedHostPaths,
    Duration pullTimeout, boolean allowHostNetwork, boolean allowRootTasks) {
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  public ContainerOptions {
    Objects.requireNonNull(dockerHost, "dockerHost");
    allowedHostPaths = allowedHostPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    Objects.requireNonNull(pullTimeout, "pullTimeout");
  }

  public static ContainerOptions defaults() {
    return new ContainerOptions(DEFAULT_DOCKER_HOST, false, List.of(), Duration.ofMinutes(5), false, true);
  }

  /**
   * Whether {@code hostPath} lies within one of the allowed directories once symlinks are resolved (in it and in
   * the allowed directories), so a link inside an allowed directory cannot lead the mount elsewhere.
   */
  public boolean hostPathAllowed(String hostPath) {
    return allowedHostPath(hostPath).isPresent();
  }

  /** {@code hostPath} with its symlinks resolved, if {@link #hostPathAllowed allowed}; what a mount should use. */
  public Optional<Path> allowedHostPath(String hostPath) {
    Path p = real(Path.of(hostPath));
    return allowedHostPaths.stream().map(ContainerOptions::real).anyMatch(p::startsWith) ? Optional.of(p)
        : Optional.empty();
  }

  /** {@code p} with symlinks resolved: the real path of its longest existing prefix, then the rest as written. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs.normalize();
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    } catch (IOException e) {
      return abs.normalize();
    }
  }

  public ContainerOptions withDockerHost(String host) {
    return new ContainerOptions(host, allowPrivileged, allowedHostPaths, pullTimeout, allowHostNetwork, allowRootTasks);
  }

  public ContainerOptions withAllowPrivileged(boolean allow) {
    return new ContainerOptions(dockerHost, allow, allowedHostPaths, pullTimeout, allowHostNetwork, allowRootTasks);
  }

  public ContainerOptions withAllowedHostPaths(List<Path> paths) {
    return new ContainerOptions(dockerHost, allowPrivileged, paths, pullTimeout, allowHostNetwork, allowRootTasks);
  }

  public ContainerOptions withPullTimeout(Duration d) {
    return new ContainerOptions(dockerHost, allowPrivileged, allowedHostPaths, d, allowHostNetwork, allowRootTasks);
  }

  public ContainerOptions withAllowHostNetwork(boolean allow) {
    return new ContainerOptions(dockerHost, allowPrivileged, allowedHostPaths, pullTimeout, allow, allowRootTasks);
  }

  public ContainerOptions withAllowRootTasks(boolean allow) {
    return new ContainerOptions(dockerHost, allowPrivileged, allowedHostPaths, pullTimeout, allowHostNetwork, allow);
  }
}
