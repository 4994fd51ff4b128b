package dev.drover.agent.rpc;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An agent in a JVM of its own, for tests that {@code kill -9} it: {@code AgentMain <zk> <workDir>} starts an agent
 * on a free HTTP port with short retry and reconnect intervals and runs until killed.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) throws InterruptedException {
    Agent.start(AgentConfig.defaults(args[0], Path.of(args[1]))
        .withHostname("127.0.0.1").withBindAddress("127.0.0.1").withHttpPort(0)
        .withResources("cpus:2;mem:512;disk:1000;ports:[31000-31010]")
        .withZkSessionTimeout(Duration.ofSeconds(2))
        .withStatusRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    Thread.currentThread().join();
  }
}
