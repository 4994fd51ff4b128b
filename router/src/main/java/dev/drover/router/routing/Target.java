package dev.drover.router.routing;

/**
 * Where one ready backend listens for one route. Immutable.
 *
 * @param taskId the backend's task id
 * @param host its host
 * @param port its host port for the route's port index
 */
public record Target(String taskId, String host, int port) {
  /** {@code host:port}, the label used in metrics and on the status page. */
  public String address() {
    return host + ":" + port;
  }
}
