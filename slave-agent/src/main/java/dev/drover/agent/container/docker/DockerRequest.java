package dev.drover.agent.container.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.LaunchException;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Docker needs to create one task's container, checked against the task's resources and the agent's
 * {@link ContainerOptions}. The sandbox is mounted at {@link #SANDBOX} and is the working directory.
 */
record DockerRequest(String image, String name, Map<String, String> labels, List<String> env, String user,
    Optional<List<String>> entrypoint, Optional<List<String>> cmd, HostConfig hostConfig,
    List<ExposedPort> exposedPorts) {
  static final String SANDBOX = "/mnt/mesos/sandbox";
  static final long CPU_PERIOD_US = 100_000;

  /**
   * @throws LaunchException (refused) for a mapping to a host port the task does not hold, a privileged container
   *     or a host path the agent does not allow
   */
  static DockerRequest of(TaskSpec spec, DockerSpec docker, Path sandbox, Map<String, String> environment,
      String agentId, ContainerOptions options) throws LaunchException {
    if (docker.privileged() && !options.allowPrivileged()) {
      throw LaunchException.refused("privileged containers are not allowed on this agent");
    }
    if (docker.network() == DockerSpec.Network.HOST && !options.allowHostNetwork()) {
      throw LaunchException.refused("host networking is not allowed on this agent (--docker-allow-host-network)");
    }
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(switch (docker.network()) {
          case BRIDGE -> "bridge";
          case HOST -> "host";
          case NONE -> "none";
        })
        .withPrivileged(docker.privileged());
    List<Bind> binds = new ArrayList<>();
    binds.add(new Bind(sandbox.toAbsolutePath().toString(), new Volume(SANDBOX), AccessMode.rw));
    for (DockerSpec.Volume v : docker.volumes()) {
      // The engine gets the path with its symlinks resolved, the one that was checked.
      Path real = options.allowedHostPath(v.hostPath()).orElseThrow(() -> LaunchException.refused("host path "
          + v.hostPath() + " may not be mounted on this agent"));
      binds.add(new Bind(real.toString(), new Volume(v.containerPath()), v.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    host.withBinds(binds);
    limits(spec.resources(), host);
    List<ExposedPort> exposed = new ArrayList<>();
    if (!docker.portMappings().isEmpty()) {
      if (docker.network() != DockerSpec.Network.BRIDGE) {
        throw LaunchException.refused("port mappings need BRIDGE networking, not " + docker.network());
      }
      Ports ports = new Ports();
      for (Map.Entry<ExposedPort, Integer> m : mappings(docker, spec.resources()).entrySet()) {
        exposed.add(m.getKey());
        ports.bind(m.getKey(), Ports.Binding.bindPort(m.getValue()));
      }
      host.withPortBindings(ports);
    }
    List<String> envList = new ArrayList<>();
    environment.forEach((k, v) -> envList.add(k + "=" + v));
    envList.add("DROVER_SANDBOX=" + SANDBOX);
    envList.add("MESOS_SANDBOX=" + SANDBOX);
    CommandSpec c = spec.command();
    Optional<List<String>> entrypoint = Optional.empty();
    Optional<List<String>> cmd = Optional.empty();
    if (c.shell()) {
      entrypoint = Optional.of(List.of("/bin/sh", "-c"));
      cmd = Optional.of(List.of(c.value()));
    } else if (!c.value().isEmpty()) {
      List<String> argv = c.argv();
      entrypoint = Optional.of(List.of(argv.get(0)));
      cmd = Optional.of(argv.subList(1, argv.size()));
    } else if (!c.arguments().isEmpty()) {
      cmd = Optional.of(c.arguments());  // the image's entrypoint with these arguments
    }
    return new DockerRequest(docker.image(), DockerLabels.containerName(spec.key()),
        DockerLabels.of(spec.key(), agentId), envList, c.user(), entrypoint, cmd, host, exposed);
  }

  /** cpus → shares (1024 per cpu) and a CFS quota; mem (MB) → a hard limit with no extra swap. */
  private static void limits(Resources r, HostConfig host) {
    double cpus = r.scalar("cpus");
    if (cpus > 0) {
      host.withCpuShares((int) Math.max(2, Math.round(cpus * 1024)))
          .withCpuPeriod(CPU_PERIOD_US)
          .withCpuQuota(Math.max(1000, Math.round(cpus * CPU_PERIOD_US)));
    }
    double mem = r.scalar("mem");
    if (mem > 0) {
      long bytes = Math.max(6L << 20, Math.round(mem * 1024 * 1024));  // Docker refuses less than 6 MB
      host.withMemory(bytes).withMemorySwap(bytes);
    }
  }

  /** Container port → host port, as {@link DockerPorts#assign} chooses. */
  private static Map<ExposedPort, Integer> mappings(DockerSpec docker, Resources r) throws LaunchException {
    Map<ExposedPort, Integer> out = new java.util.LinkedHashMap<>();
    for (DockerPorts.Assigned a : DockerPorts.assign(docker, r)) {
      out.put(new ExposedPort(a.mapping().containerPort(), InternetProtocol.parse(a.mapping().protocol())),
          a.hostPort());
    }
    return out;
  }
}
