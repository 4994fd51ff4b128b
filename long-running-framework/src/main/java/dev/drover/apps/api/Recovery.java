package dev.drover.apps.api;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.runtime.AppChange;
import dev.drover.apps.runtime.AppsRuntime;
import dev.drover.apps.runtime.DeploymentView;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the API's stored definitions and the runtime in line when they drift apart without a request: after an
 * election, and after the runtime rolled a deployment back on its own. Called on the API's serial writer only.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final AppStore apps;
  private final GroupStore groups;
  private final DeploymentLog inFlight;
  private final AppsRuntime runtime;
  private final Supplier<Instant> clock;

  Recovery(AppStore apps, GroupStore groups, DeploymentLog inFlight, AppsRuntime runtime, Supplier<Instant> clock) {
    this.apps = apps;
    this.groups = groups;
    this.inFlight = inFlight;
    this.runtime = runtime;
    this.clock = clock;
  }

  /**
   * Brings the runtime in line with the stored definitions after an election: a leader that died between storing a
   * change and starting its deployment left them apart. Apps the runtime lacks, or runs with another instance count,
   * are deployed again; apps it runs that are no longer stored are removed; apps a deployment in flight touches are
   * left to it. A differing configuration is only logged: replacing running instances on a failover is worse than a
   * stale definition (fix it with a PUT). Returns the deployment id, or null when nothing differed.
   */
  String resync() {
    runtime.awaitLoaded();
    Set<String> locked = new HashSet<>();
    runtime.deployments().forEach(d -> locked.addAll(d.affectedApps()));
    Set<String> running = runtime.appIds();
    List<AppChange> changes = new ArrayList<>();
    for (AppDefinition app : DependencyOrder.sort(apps.all(), groups.all())) {
      if (locked.contains(app.id())) {
        continue;
      }
      AppDefinition seen = DependencyOrder.forRuntime(List.of(new AppChange(app.id(), null, app, false)),
          apps.all(), groups.all()).get(0).to();
      if (!running.contains(app.id())) {
        changes.add(new AppChange(app.id(), null, app, false));
      } else if (!runtime.sameConfig(seen)) {
        LOG.warn("{} runs a configuration other than its stored version {}; leaving it", app.id(), app.version());
      } else if (!runtime.instances(app.id()).orElse(-1).equals(app.instances())) {
        changes.add(new AppChange(app.id(), null, app, false));
      }
    }
    for (String id : running) {
      if (apps.get(id).isEmpty() && !locked.contains(id)) {
        changes.add(new AppChange(id, null, null, false));
      }
    }
    if (changes.isEmpty()) {
      return null;
    }
    changes = DependencyOrder.forRuntime(changes, apps.all(), groups.all());
    DeploymentView d = runtime.deploy(changes, clock.get().toString(), false);
    inFlight.put(d.id(), changes);
    return d.id();
  }

  /**
   * The runtime rolled deployment {@code deploymentId} back on its own (Drover's automatic rollback when new
   * instances keep failing): store each app's previous definition again, as a new version, so what the API shows is
   * what runs. No deployment is started (the runtime's rollback is one). Unknown deployments change nothing.
   */
  void rolledBack(String deploymentId) {
    List<AppChange> changes = inFlight.remove(deploymentId).orElse(null);
    if (changes == null) {
      LOG.warn("Deployment {} was rolled back by the engine but its changes are unknown here; stored definitions "
          + "keep the new version", deploymentId);
      return;
    }
    for (AppChange c : changes) {
      if (c.from() == null) {
        apps.delete(c.appId());
      } else {
        apps.put(c.from().withVersion(null, null));
      }
    }
    LOG.info("Deployment {} rolled back by the engine; stored the previous definitions of {}", deploymentId,
        changes.stream().map(AppChange::appId).toList());
  }
}
