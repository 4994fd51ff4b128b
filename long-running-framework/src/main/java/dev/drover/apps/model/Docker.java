package dev.drover.apps.model;

import java.util.List;

/**
 * The Docker part of a container: image (required), network HOST (default), BRIDGE or NONE, privileged,
 * parameters and forcePullImage.
 */
public record Docker(String image, Network network, Boolean privileged, List<DockerParameter> parameters,
    Boolean forcePullImage) {
  /** Docker's network modes that Drover supports. */
  public enum Network { HOST, BRIDGE, NONE }

  public Docker {
    network = network == null ? Network.HOST : network;
    privileged = privileged != null && privileged;
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    forcePullImage = forcePullImage != null && forcePullImage;
  }
}
