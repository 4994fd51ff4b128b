package dev.drover.apps.engine.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.AppsEngine;
import dev.drover.apps.engine.AppsEngines;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.testkit.Await;
import dev.drover.testkit.DroverCluster;
import dev.drover.zk.ZkClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production factory: ZooKeeper state, the stored framework id, a real driver. */
class AppsEnginesTest {
  static final Duration T = Duration.ofSeconds(20);

  @RegisterExtension
  final DroverCluster cluster = DroverCluster.builder().agents(2).timeout(T).build();

  static Set<String> running(AppsEngine e) {
    return e.instances("/f/app").stream().filter(i -> i.state().equals("TASK_RUNNING")).map(InstanceView::id)
        .collect(Collectors.toSet());
  }

  @Test
  void aRestartedEngineResumesTheSameFrameworkAndTasks() {
    EngineOptions options = EngineOptions.defaults().withFrameworkName("apps-factory");
    try (var zk = ZkClients.start(cluster.zkConnect())) {
      AppsEngine first = AppsEngines.start(zk, cluster.zkConnect(), options);
      Await.until("connected", T, first::isConnected);
      first.deploy(new DeploymentRequest(List.of(new AppChange.Put(RunSpec.builder("/f/app").instances(2).cpus(0.1)
          .mem(16).cmd("sleep 1000").build())), Instant.now(), false)).join();
      Await.until("2 running", T, () -> running(first).size() == 2);
      Set<String> tasks = running(first);
      String id = first.frameworkId().orElseThrow();
      first.close();

      AppsEngine second = AppsEngines.start(zk, cluster.zkConnect(), options);
      Await.until("resumed", T, () -> second.isConnected() && running(second).equals(tasks));
      assertEquals(id, second.frameworkId().orElseThrow(), "the stored framework id is resumed");
      assertEquals(tasks.stream().sorted().toList(), cluster.liveTasks(), "no task restarted");
      second.close();
    }
  }
}
