package dev.drover.cli;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run an agent: offers this host's resources to the leading master and runs its tasks.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--zk", description = "ZooKeeper connect string with chroot (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1:2181/drover")
  String zk;

  @Option(names = "--hostname", description = "Host name advertised to the master (default: this host)")
  String hostname;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
  String bind;

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

  @Option(names = "--zk-session-timeout", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})",
      defaultValue = "PT10S", converter = DurationConverter.class)
  Duration zkSessionTimeout;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Agent.start(config()));
    return life.awaitStop();
  }

  AgentConfig config() {
    AgentConfig c = AgentConfig.defaults(zk, workDir)
        .withHostname(hostname == null ? Hosts.localHostname() : hostname)
        .withBindAddress(bind)
        .withHttpPort(httpPort)
        .withZkSessionTimeout(zkSessionTimeout);
    if (resources != null && !resources.isBlank()) {
      c = c.withResources(resources);
    }
    if (attributes != null && !attributes.isBlank()) {
      c = c.withAttributes(attributes);
    }
    return c;
  }
}
