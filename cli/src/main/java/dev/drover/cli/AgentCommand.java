package dev.drover.cli;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import dev.drover.agent.RecoverMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run an agent: offers this host's resources to the leading master and runs its tasks.")
final class AgentCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin ListenOptions listen;

  @Mixin SecurityOptions security;

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

  @Option(names = "--recover", description = "After a restart: 'reconnect' to the tasks found in the work dir and "
      + "keep them running, or 'cleanup' to kill them (default: ${DEFAULT-VALUE})", defaultValue = "reconnect")
  String recover;

  @Option(names = "--docker-host", description = "Docker engine address (default: ${DEFAULT-VALUE})",
      defaultValue = "unix:///var/run/docker.sock")
  String dockerHost;

  @Option(names = "--docker-allow-privileged", description = "Allow privileged Docker tasks (default: refused)")
  boolean dockerAllowPrivileged;

  @Option(names = "--docker-allow-host-network", description = "Allow Docker tasks on the host's network "
      + "(default: refused)")
  boolean dockerAllowHostNetwork;

  @Option(names = "--allow-root-tasks", description = "Allow tasks to run as root: explicitly, or naming no user "
      + "while the agent runs as root (default: refused)")
  boolean allowRootTasks;

  @Option(names = "--docker-host-paths", split = ",", description = "Host directories Docker tasks may mount, "
      + "comma-separated (default: none)")
  List<Path> dockerHostPaths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(Agent.start(config(), security.security()));
    return life.awaitStop();
  }

  AgentConfig config() {
    AgentConfig c = AgentConfig.defaults(zk.zk, workDir)
        .withHostname(listen.advertised())
        .withBindAddress(listen.bind)
        .withHttpPort(httpPort)
        .withZkSessionTimeout(zk.sessionTimeout)
        .withRecover(RecoverMode.parse(recover))
        .withDockerHost(dockerHost)
        .withDockerPrivilegedAllowed(dockerAllowPrivileged)
        .withDockerHostNetworkAllowed(dockerAllowHostNetwork)
        .withRootTasksAllowed(allowRootTasks)
        .withDockerHostPaths(dockerHostPaths);
    if (resources != null && !resources.isBlank()) {
      c = c.withResources(resources);
    }
    if (attributes != null && !attributes.isBlank()) {
      c = c.withAttributes(attributes);
    }
    return c;
  }
}
