package dev.drover.apps.engine;

import dev.drover.apps.engine.core.Engine;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.FrameworkRemovedException;
import dev.drover.sdk.ha.FrameworkIdKeeper;
import dev.drover.sdk.state.ZkStateStore;
import dev.drover.sdk.toolkit.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.curator.framework.CuratorFramework;

/**
 * Starts the production engine. Call {@link #start} when this apps process becomes the framework's leader, and
 * {@link AppsEngine#close} when it stops leading (tasks keep running; the next leader resumes them).
 */
public final class AppsEngines {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppsEngines.class);

  private AppsEngines() {}

  /**
   * Starts an engine: its state in ZooKeeper ({@code ZkStateStore} under the framework's state path, keys
   * {@code engine/...}), its framework id kept by {@link FrameworkIdKeeper}, and a driver that follows the leading
   * master through {@code zkConnect}, partition-aware, with explicit acknowledgements. Returns at once; the engine
   * loads its state and subscribes in the background. Should the master remove the framework (it stayed away past its
   * failover timeout), the stored framework id is cleared so the next leader registers a new framework; this engine
   * then stays disconnected ({@link AppsEngine#isConnected()} false) until it is closed.
   *
   * @param client a started Curator client on the same ZooKeeper (the caller owns and closes it, after the engine)
   * @param zkConnect the ZooKeeper connect string with Drover's chroot, for the driver's leader detection
   * @param options tuning; {@link EngineOptions#defaults()} for Marathon-like behaviour
   */
  public static AppsEngine start(CuratorFramework client, String zkConnect, EngineOptions options) {
    return start(client, zkConnect, options, io.grpc.InsecureChannelCredentials.create(), "");
  }

  /**
   * As {@link #start(CuratorFramework, String, EngineOptions)}, dialling the master with {@code credentials} (TLS,
   * token) and subscribing as {@code principal} (empty for none): docs/security.md.
   */
  public static AppsEngine start(CuratorFramework client, String zkConnect, EngineOptions options,
      io.grpc.ChannelCredentials credentials, String principal) {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> daemon(r, "drover-apps-engine"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "drover-apps-timer"));
    Engine engine = Engine.create(new ZkStateStore(client, options.frameworkName()), Timer.of(timers), options, loop);
    FrameworkIdKeeper ids = new FrameworkIdKeeper(client, options.frameworkName());
    FrameworkConfig config = FrameworkConfig.builder(options.frameworkName())
        .roles(options.roles().toArray(String[]::new)).failoverTimeout(options.failoverTimeout())
        .checkpoint(true).partitionAware().principal(principal).build();
    DroverSchedulerDriver.Builder b = DroverSchedulerDriver.builder(ids.persisting(engine), config).zk(zkConnect)
        .implicitAcknowledgements(false).channelCredentials(credentials);
    ids.load().ifPresent(b::frameworkId);
    DroverSchedulerDriver driver = b.build();
    engine.attach(driver);
    engine.onClose(() -> {
      timers.shutdownNow();
      loop.shutdown();
    });
    driver.terminated().whenComplete((v, e) -> {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof FrameworkRemovedException) {
        LOG.error("The master removed framework {}; forgetting its id so the next leader registers anew",
            options.frameworkName());
        ids.clear();
      }
    });
    engine.start();
    driver.start();
    return engine;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
