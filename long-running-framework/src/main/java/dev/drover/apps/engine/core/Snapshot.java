package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppCounts;
import dev.drover.apps.engine.DeploymentView;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.TaskFailureView;
import dev.drover.sdk.TaskRef;
import java.util.List;
import java.util.Map;

/** What the engine's readers see: immutable, published by the loop after each burst of commands. */
record Snapshot(Map<String, RunSpec> apps, Map<String, List<InstanceView>> instances, Map<String, AppCounts> counts,
    Map<String, TaskFailureView> failures, List<QueueEntry> queue, List<DeploymentView> deployments,
    List<TaskRef> known) {
  static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(),
      List.of());
}
