package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppCounts;
import dev.drover.apps.engine.DeploymentView;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.PortDefinition;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.deploy.Action;
import dev.drover.apps.engine.deploy.Deployment;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.launch.TaskFactory;
import dev.drover.apps.engine.reconcile.Decision;
import dev.drover.model.TaskState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts the engine's records to the JSON-friendly views of the facade. Stateless. */
final class Views {
  private Views() {}

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  /** An instant as Marathon prints it ({@code 2026-01-02T03:04:05.678Z}); null stays null. */
  static String time(Instant i) {
    return i == null ? null : ISO.format(i);
  }

  /** Mesos' state name, e.g. {@code TASK_RUNNING}. */
  static String state(TaskState s) {
    return "TASK_" + s.name();
  }

  static InstanceView instance(Instance i, RunSpec spec) {
    List<InstanceView.HealthResult> health = new ArrayList<>();
    boolean hc = spec != null && spec.healthCheck().isPresent();
    if (hc && i.healthy() != null) {
      health.add(new InstanceView.HealthResult(i.taskId(), i.healthy(), i.health().consecutiveFailures(),
          time(i.health().firstSuccess()), time(i.health().lastSuccess()), time(i.health().lastFailure())));
    }
    Map<String, String> labels = new LinkedHashMap<>(spec == null ? Map.of() : spec.labels());
    labels.put(TaskFactory.LABEL_APP_ID, i.appId());
    labels.put(TaskFactory.LABEL_APP_VERSION, i.version().toString());
    return new InstanceView(i.taskId(), i.appId(), i.agentId(), i.host(), i.ports(), servicePorts(spec),
        shownState(i), time(i.stagedAt()), time(i.startedAt()), time(i.version()), health,
        hc ? i.healthy() : null, labels);
  }

  /** A running instance whose kill was decided (sent, or waiting for its drain period) shows as TASK_KILLING. */
  static String shownState(Instance i) {
    return i.goal() == Instance.Goal.STOP && i.state() == TaskState.RUNNING ? "TASK_KILLING" : state(i.state());
  }

  static List<Integer> servicePorts(RunSpec spec) {
    if (spec == null) {
      return List.of();
    }
    if (spec.container().isPresent() && !spec.container().get().portMappings().isEmpty()) {
      return spec.container().get().portMappings().stream().map(PortMapping::servicePort).toList();
    }
    return spec.portDefinitions().stream().map(PortDefinition::port).toList();
  }

  static AppCounts counts(List<Instance> instances, RunSpec spec) {
    int staged = 0;
    int running = 0;
    int healthy = 0;
    int unhealthy = 0;
    boolean hc = spec != null && spec.healthCheck().isPresent();
    for (Instance i : instances) {
      if (i.state() == TaskState.STAGING || i.state() == TaskState.STARTING) {
        staged++;
      } else if (i.state() == TaskState.RUNNING) {
        running++;
        if (hc && Boolean.TRUE.equals(i.healthy())) {
          healthy++;
        } else if (hc && Boolean.FALSE.equals(i.healthy())) {
          unhealthy++;
        }
      }
    }
    return new AppCounts(staged, running, healthy, unhealthy);
  }

  static DeploymentView deployment(Deployment d, Map<String, Decision> progress, Map<String, AppState> apps) {
    List<DeploymentView.Step> steps = d.steps().stream()
        .map(s -> new DeploymentView.Step(s.stream().map(Views::action).toList())).toList();
    List<DeploymentView.CurrentAction> current = new ArrayList<>();
    for (Action a : d.currentActions()) {
      Decision p = progress.get(a.appId());
      AppState st = apps.get(a.appId());
      int target = a.kind() == Action.Kind.StopApplication || st == null ? 0 : st.spec().instances();
      current.add(new DeploymentView.CurrentAction(a.kind().name(), a.appId(), p == null ? 0 : p.ready(), target,
          p == null ? 0 : p.old()));
    }
    return new DeploymentView(d.id(), time(d.version()), List.copyOf(d.affectedApps()), steps, current,
        Math.min(d.current() + 1, d.steps().size()), d.steps().size());
  }

  static DeploymentView.Action action(Action a) {
    return new DeploymentView.Action(a.kind().name(), a.appId());
  }
}
