package dev.drover.agent.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Builds docker-java clients over the httpclient5 transport. No call reaches the engine until the client is used. */
public final class DockerClients {
  private DockerClients() {}

  /**
   * A client for {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}) with enough pooled connections for
   * many containers followed at once: each running container holds one for its wait and one for its logs.
   */
  public static DockerClient create(String dockerHost) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(1024)
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** Whether the engine answers a ping. */
  public static boolean reachable(DockerClient client) {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
