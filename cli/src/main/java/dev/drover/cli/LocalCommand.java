package dev.drover.cli;

import dev.drover.agent.Agent;
import dev.drover.agent.AgentConfig;
import dev.drover.apps.AppsService;
import dev.drover.jobs.JobsService;
import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import dev.drover.zk.EmbeddedZooKeeper;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run a whole cluster in this process: embedded ZooKeeper, a master, agents, and the apps and",
        "jobs frameworks. For development: it listens on loopback only, with no TLS and no authentication."})
final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bind", description = "Address every component listens on (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(names = "--zk-port", description = "Embedded ZooKeeper port (default: ${DEFAULT-VALUE})",
      defaultValue = "2181")
  int zkPort;

  @Option(names = "--http-port", description = "Master HTTP port (default: ${DEFAULT-VALUE}); gRPC is the next port",
      defaultValue = "5050")
  int httpPort;

  @Option(names = "--agents", description = "Number of agents (default: ${DEFAULT-VALUE})", defaultValue = "2")
  int agents;

  @Option(names = "--agent-port", description = "First agent's HTTP port; the next agents count up "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "5052")
  int agentPort;

  @Option(names = "--apps-port", description = "Apps framework port (default: ${DEFAULT-VALUE})",
      defaultValue = "8080")
  int appsPort;

  @Option(names = "--jobs-port", description = "Jobs framework port (default: ${DEFAULT-VALUE})",
      defaultValue = "9000")
  int jobsPort;

  @Option(names = "--work-dir", description = "ZooKeeper data and agent sandboxes (default: ${DEFAULT-VALUE})",
      defaultValue = ".drover/local")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    if (agents < 1 || agents > 20) {
      throw new IllegalArgumentException("--agents must be between 1 and 20, not " + agents);
    }
    PrintWriter out = spec.commandLine().getOut();
    Lifecycle life = new Lifecycle();
    Path root = workDir.toAbsolutePath().normalize();
    try {
      EmbeddedZooKeeper zk = life.add(EmbeddedZooKeeper.start(bind, zkPort, root.resolve("zk"), 200));
      String zkConnect = zk.connectString("/drover");
      Master master = life.add(Master.start(MasterConfig.defaults(zkConnect).withHostname(bind)
          .withBindAddress(bind).withHttpPort(httpPort).withGrpcPort(httpPort == 0 ? 0 : httpPort + 1)
          .withZkSessionTimeout(Duration.ofSeconds(4))));
      List<Agent> started = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        started.add(life.add(Agent.start(AgentConfig.defaults(zkConnect, root.resolve(agentName(i)))
            .withHostname(bind).withBindAddress(bind).withHttpPort(agentPort == 0 ? 0 : agentPort + i)
            .withResources(share(i, agents)).withAttributes(attributes(i))
            .withZkSessionTimeout(Duration.ofSeconds(4))
            // Local mode runs whatever the developer asks, as the developer: insecure, and says so.
            .withDockerHostNetworkAllowed(true).withRootTasksAllowed(true))));
      }
      AppsService apps = life.add(AppsService.start(zkConnect, bind, appsPort));
      JobsService jobs = life.add(JobsService.start(zkConnect, bind, jobsPort));
      awaitAgents(started, Duration.ofSeconds(30), out);

      out.printf("%nDrover %s is running locally.%n", Drover.version());
      out.printf("*** WARNING: INSECURE MODE: no TLS, no authentication, no ACLs; keep it on loopback. "
          + "See docs/security.md. ***%n");
      out.printf("  ZooKeeper   %s%n", zkConnect);
      out.printf("  master      http://%s:%d  (gRPC %s:%d)  state: http://%s:%d/api/v1/state%n",
          bind, master.httpPort(), bind, master.grpcPort(), bind, master.httpPort());
      for (int i = 0; i < started.size(); i++) {
        out.printf("  %-11s http://%s:%d  id %s%n", agentName(i), bind, started.get(i).httpPort(),
            started.get(i).agentId().orElse("(registering)"));
      }
      out.printf("  apps        http://%s:%d%n", bind, apps.port());
      out.printf("  jobs        http://%s:%d%n", bind, jobs.port());
      out.printf("  work dir    %s%nPress Ctrl-C to stop.%n", root);
      out.flush();
    } catch (Exception e) {
      life.stop();
      throw e;
    }
    return life.awaitStop();
  }

  /** Agent i's name: its work dir under --work-dir and its {@code name} attribute. */
  static String agentName(int i) {
    return "agent-" + (i + 1);
  }

  /**
   * Agent i's attributes. Every local agent advertises the same hostname (the bind address, so that the master and
   * the frameworks can reach it), so the {@code name} attribute is what tells them apart in the state, in the UI and
   * in placement constraints (e.g. {@code ["name", "UNIQUE"]} spreads an app over the local agents).
   */
  static String attributes(int i) {
    return "name:" + agentName(i);
  }

  /** Agent i's share of this machine: an even part of its cpus and memory, and its own port range. */
  static String share(int i, int n) {
    int cpus = Runtime.getRuntime().availableProcessors();
    long memMb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() / (1024 * 1024);
    double cpuShare = Math.max(1, Math.floor(cpus * 10.0 / n) / 10);
    long memShare = Math.max(256, (memMb - Math.min(1024, memMb / 2)) / n);
    int ports = 1000 / n;
    int first = 31000 + i * ports;
    return "cpus:" + cpuShare + ";mem:" + memShare + ";ports:[" + first + "-" + (first + ports - 1) + "]";
  }

  private static void awaitAgents(List<Agent> agents, Duration timeout, PrintWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (agents.stream().anyMatch(a -> a.agentId().isEmpty())) {
      if (System.nanoTime() > deadline) {
        out.println("Warning: not every agent has registered with the master yet; see the log above.");
        return;
      }
      Thread.sleep(50);
    }
  }
}
