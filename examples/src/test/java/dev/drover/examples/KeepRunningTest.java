package dev.drover.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.model.Resources;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.testkit.Await;
import dev.drover.testkit.DroverCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeepRunningTest {
  @RegisterExtension
  static DroverCluster cluster = DroverCluster.builder().agents(2).simulated().build();

  @Test
  void keepsThreeTasksRunningThroughAMasterFailoverAndATaskFailure() {
    KeepRunning framework = new KeepRunning(3, "sleep 3600", Resources.of(0.5, 64, 0));
    SchedulerDriver driver = cluster.driver(framework, FrameworkConfig.builder("keep-running").build()).build();
    driver.start();
    Await.until("3 tasks running", Duration.ofSeconds(5), () -> framework.running() == 3);

    cluster.failover();
    cluster.killTask(cluster.liveTasks().get(0));
    Await.until("3 tasks running again", Duration.ofSeconds(5),
        () -> framework.running() == 3 && cluster.liveTasks().size() == 3);
    assertEquals(3, cluster.liveTasks().size());
    driver.stop();
  }
}
