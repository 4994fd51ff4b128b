package dev.drover.testkit;

import dev.drover.model.TaskState;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProcessClusterTest {
  @RegisterExtension
  static DroverCluster cluster = DroverCluster.builder().masters(1).agents(1).processes()
      .resources("cpus:2;mem:1024;disk:1000;ports:[31000-31099]").build();

  @Test
  void runsARealProcess() {
    TestFramework fw = new TestFramework("p1");
    SchedulerDriver d = cluster.driver(fw, FrameworkConfig.builder("proc").build()).build();
    d.start();
    Await.until("p1 running", Duration.ofSeconds(10), () -> fw.is("p1", TaskState.RUNNING));
    d.kill("p1");
    Await.until("p1 killed", Duration.ofSeconds(10), () -> fw.is("p1", TaskState.KILLED));
    d.stop();
  }
}
