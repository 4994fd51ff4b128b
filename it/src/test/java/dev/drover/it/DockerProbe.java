package dev.drover.it;

import java.util.List;

/** Whether a Docker engine with the test image is reachable, for tests outside this package (the chaos run). */
public final class DockerProbe {
  public boolean available() {
    return DockerCondition.Cli.run(List.of("docker", "version", "--format", "{{.Server.Version}}")) != null
        && DockerCondition.Cli.run(List.of("docker", "image", "inspect", DockerCondition.IMAGE)) != null;
  }
}
