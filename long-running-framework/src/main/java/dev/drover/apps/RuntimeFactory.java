package dev.drover.apps;

import dev.drover.apps.runtime.AppsRuntime;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;

/**
 * Starts the runtime (the engine and its scheduler driver) when this instance is elected leader. Called on the
 * service's serial writer, after the API's state is loaded.
 */
@FunctionalInterface
public interface RuntimeFactory {
  /**
   * @param client the service's ZooKeeper client (chrooted as the connect string says)
   * @param zkConnect the connect string, for the scheduler driver to find the master
   */
  Started start(CuratorFramework client, String zkConnect) throws Exception;

  /** A running runtime, how to stop it (driver stopped with failover: tasks keep running) and its framework id. */
  record Started(AppsRuntime runtime, AutoCloseable stop, Supplier<Optional<String>> frameworkId,
      Supplier<Boolean> connected) {}
}
