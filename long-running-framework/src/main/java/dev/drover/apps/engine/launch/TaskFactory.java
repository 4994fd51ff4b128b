package dev.drover.apps.engine.launch;

import dev.drover.apps.engine.ContainerSpec;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.sdk.Command;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the task for one placed instance: a pure function. The task gets the app's env plus {@code PORT0..n},
 * {@code PORT} (the first), {@code PORTS} (comma-separated), {@code PORT_<containerPort>} for BRIDGE mappings,
 * {@code HOST}, {@code DROVER_APP_ID}, {@code DROVER_TASK_ID}, {@code DROVER_APP_VERSION}, and Marathon's
 * {@code MARATHON_APP_ID}, {@code MARATHON_APP_VERSION}, {@code MESOS_TASK_ID}, {@code MARATHON_APP_RESOURCE_*} and
 * {@code MARATHON_APP_LABEL_<KEY>}; its labels are the app's plus {@code DROVER_APP_ID} and
 * {@code DROVER_APP_VERSION}.
 */
public final class TaskFactory {
  private TaskFactory() {}

  public static final String LABEL_APP_ID = "DROVER_APP_ID";
  public static final String LABEL_APP_VERSION = "DROVER_APP_VERSION";

  /** The task for {@code spec}'s instance {@code taskId} on {@code host} with {@code hostPorts} (slot order). */
  public static TaskSpec build(RunSpec spec, String taskId, String host, List<Integer> hostPorts,
      dev.drover.model.Resources resources) {
    TaskSpec.Builder b = TaskSpec.builder(taskId).name(spec.appId()).resources(resources);
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    for (int i = 0; i < hostPorts.size(); i++) {
      env.put("PORT" + i, String.valueOf(hostPorts.get(i)));
    }
    if (!hostPorts.isEmpty()) {
      env.put("PORT", String.valueOf(hostPorts.get(0)));
      env.put("PORTS", hostPorts.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    env.put("HOST", host);
    env.put("DROVER_APP_ID", spec.appId());
    env.put("DROVER_TASK_ID", taskId);
    env.put("DROVER_APP_VERSION", spec.version().toString());
    env.put("MARATHON_APP_ID", spec.appId());
    env.put("MARATHON_APP_VERSION", spec.version().toString());
    env.put("MESOS_TASK_ID", taskId);
    env.put("MARATHON_APP_RESOURCE_CPUS", String.valueOf(spec.cpus()));
    env.put("MARATHON_APP_RESOURCE_MEM", String.valueOf(spec.mem()));
    env.put("MARATHON_APP_RESOURCE_DISK", String.valueOf(spec.disk()));
    if (!spec.labels().isEmpty()) {
      env.put("MARATHON_APP_LABELS", String.join(" ", spec.labels().keySet()));
      spec.labels().forEach((k, v) -> env.put("MARATHON_APP_LABEL_" + envName(k), v));
    }
    spec.container().ifPresent(c -> b.docker(docker(c, hostPorts, env)));
    b.env(env);
    spec.labels().forEach(b::label);
    b.label(LABEL_APP_ID, spec.appId()).label(LABEL_APP_VERSION, spec.version().toString());
    if (spec.cmd().isPresent()) {
      b.shell(spec.cmd().get());
    } else if (!spec.args().isEmpty()) {
      b.argv(spec.args());
    } else {
      b.command(new Command.None());
    }
    spec.user().ifPresent(b::user);
    b.healthChecks(spec.healthChecks());
    if (spec.taskKillGracePeriodSeconds() > 0) {
      b.killGracePeriod(Duration.ofSeconds(spec.taskKillGracePeriodSeconds()));
    }
    return b.build();
  }

  private static DockerSpec docker(ContainerSpec c, List<Integer> hostPorts, Map<String, String> env) {
    List<DockerSpec.PortMapping> mappings = new ArrayList<>();
    if (c.network() == DockerSpec.Network.BRIDGE) {
      for (int i = 0; i < c.portMappings().size(); i++) {
        PortMapping m = c.portMappings().get(i);
        mappings.add(new DockerSpec.PortMapping(hostPorts.get(i), m.containerPort(), firstProtocol(m.protocol())));
        env.put("PORT_" + m.containerPort(), String.valueOf(hostPorts.get(i)));
      }
    }
    return new DockerSpec(c.image(), c.network(), mappings, c.privileged(), c.forcePullImage(), c.parameters());
  }

  private static String firstProtocol(String p) {
    return p.split(",")[0].trim().toLowerCase(Locale.ROOT);
  }

  private static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }
}
