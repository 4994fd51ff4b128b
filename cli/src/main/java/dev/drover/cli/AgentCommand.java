package dev.drover.cli;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run an agent: offers this host's resources to the leading master and runs its tasks.")
final class AgentCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin ListenOptions listen;

  @Option(names = "--http-port", description = "HTTP port: state, sandboxes (default: ${DEFAULT-VALUE})",
      defaultValue = "5052")
  int httpPort;

  @Option(names = "--work-dir", description = "Sandboxes and checkpoints (default: ${DEFAULT-VALUE})",
      defaultValue = "/var/lib/drover/agent")
  Path workDir;

  @Option(names = "--resources",
      description = "Override or add resources, e.g. 'cpus:2;mem:2048;ports:[31000-31100]' (default: detected)")
  String resources;

  @Option(names = "--attributes", description = "Attributes for placement, e.g. 'rack:r1;zone:a'")
  String attributes;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Agent.start(config()));
    return life.awaitStop();
  }

  AgentConfig config() {
    AgentConfig c = AgentConfig.defaults(zk.zk, workDir)
        .withHostname(listen.advertised())
        .withBindAddress(listen.bind)
        .withHttpPort(httpPort)
        .withZkSessionTimeout(zk.sessionTimeout);
    if (resources != null && !resources.isBlank()) {
      c = c.withResources(resources);
    }
    if (attributes != null && !attributes.isBlank()) {
      c = c.withAttributes(attributes);
    }
    return c;
  }
}
