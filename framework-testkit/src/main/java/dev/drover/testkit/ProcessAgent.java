package dev.drover.testkit;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A real {@code slave-agent} in this JVM, running real processes in a temporary work directory. */
final class ProcessAgent implements ClusterAgent, AutoCloseable {
  private final AgentConfig config;
  private volatile Agent agent;

  ProcessAgent(String zk, Path workDir, String hostname, String resources, String attributes) {
    this.config = AgentConfig.defaults(zk, workDir).withHostname(hostname).withBindAddress("127.0.0.1")
        .withHttpPort(0).withResources(resources).withAttributes(attributes)
        .withZkSessionTimeout(Duration.ofSeconds(2))
        .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withStatusRetry(Duration.ofMillis(200), Duration.ofSeconds(2));
    this.agent = Agent.start(config);
  }

  @Override
  public Optional<String> agentId() {
    return agent.agentId();
  }

  @Override
  public String hostname() {
    return config.hostname();
  }

  /** Not tracked for real agents: always throws. */
  @Override
  public Set<String> liveTasks() {
    throw new UnsupportedOperationException("liveTasks() is for simulated agents; query the master instead");
  }

  @Override
  public void partition() {
    throw new UnsupportedOperationException("partition() is for simulated agents");
  }

  @Override
  public void heal() {
    throw new UnsupportedOperationException("heal() is for simulated agents");
  }

  /** Closes the agent (its processes are killed) and starts it again on the same work directory and id. */
  @Override
  public synchronized void restart() {
    agent.close();
    agent = Agent.start(config);
  }

  @Override
  public boolean killTask(String taskId) {
    throw new UnsupportedOperationException("killTask() is for simulated agents");
  }

  /** The agent's HTTP port (sandboxes and logs). */
  int httpPort() {
    return agent.httpPort();
  }

  @Override
  public void close() {
    agent.close();
  }
}
