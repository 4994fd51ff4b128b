package dev.drover.examples;

import dev.drover.model.Resources;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.ha.FrameworkIdKeeper;
import dev.drover.zk.ZkClients;
import org.apache.curator.framework.CuratorFramework;

/**
 * Runs {@link KeepRunning} against a real cluster: {@code KeepRunningMain <zk> <count> <command>}, e.g.
 * {@code KeepRunningMain 127.0.0.1:2181/drover 3 "sleep 3600"}. The framework id is kept in ZooKeeper, so a restarted
 * scheduler resumes the same framework and its tasks.
 */
public final class KeepRunningMain {
  private KeepRunningMain() {}

  public static void main(String[] args) {
    String zk = args.length > 0 ? args[0] : "127.0.0.1:2181/drover";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String command = args.length > 2 ? args[2] : "sleep 3600";
    try (CuratorFramework client = ZkClients.start(zk)) {
      FrameworkIdKeeper ids = new FrameworkIdKeeper(client, "keep-running");
      KeepRunning framework = new KeepRunning(count, command, Resources.of(0.1, 32, 0));
      DroverSchedulerDriver.Builder builder = DroverSchedulerDriver.builder(ids.persisting(framework),
          FrameworkConfig.builder("keep-running").build()).zk(zk);
      ids.load().ifPresent(builder::frameworkId);
      SchedulerDriver driver = builder.build();
      driver.start();
      driver.terminated().join();
    }
  }
}
