package dev.drover.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.model.TaskState;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.ha.FrameworkIdKeeper;
import dev.drover.sdk.ha.LeaderElection;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's HA helpers against a real master: two scheduler instances contend with {@link LeaderElection}; the leader
 * drives; when it leaves, the standby resumes the same framework id from {@link FrameworkIdKeeper}, and the tasks the
 * first instance launched are still there.
 */
class SchedulerFailoverTest {
  static final Duration T = Duration.ofSeconds(5);

  @RegisterExtension
  static DroverCluster cluster = DroverCluster.builder().agents(2).build();

  static final class Instance implements LeaderElection.Listener {
    final CuratorFramework client = ZkClients.start(cluster.zkConnect(), Duration.ofSeconds(1));
    final FrameworkIdKeeper ids = new FrameworkIdKeeper(client, "ha");
    final TestFramework framework;
    final AtomicReference<SchedulerDriver> driver = new AtomicReference<>();
    final LeaderElection election;

    Instance(String id, String... tasks) {
      framework = new TestFramework(tasks);
      election = LeaderElection.start(client, "ha", new LeaderInfo(id, "127.0.0.1", 0, 0, "test"), this,
          Runnable::run);
    }

    @Override
    public void elected() {
      var builder = cluster.driver(ids.persisting(framework), FrameworkConfig.builder("ha").build());
      ids.load().ifPresent(builder::frameworkId);
      driver.set(builder.build());
      driver.get().start();
    }

    @Override
    public void revoked() {
      if (driver.get() != null) {
        driver.get().stop();
      }
    }

    void close() {
      election.close();
      client.close();
    }
  }

  @Test
  void theStandbyResumesTheFrameworkAndItsTasks() {
    Instance first = new Instance("first", "t1", "t2");
    Await.until("t1 and t2 running", T, () -> first.framework.is("t1", TaskState.RUNNING)
        && first.framework.is("t2", TaskState.RUNNING));
    String frameworkId = first.driver.get().frameworkId().orElseThrow();
    Instance second = new Instance("second");
    first.close();
    Await.until("the standby leads", T, () -> second.driver.get() != null);
    assertEquals(frameworkId, second.driver.get().frameworkId().orElseThrow());
    assertEquals("second", second.election.leader().orElseThrow().id());
    Await.until("the tasks reconciled as running", T, () -> {
      second.driver.get().reconcile(List.of());
      return second.framework.is("t1", TaskState.RUNNING) && second.framework.is("t2", TaskState.RUNNING);
    });
    assertEquals(List.of("t1", "t2"), cluster.liveTasks());
    second.driver.get().stop();
    second.close();
  }
}
