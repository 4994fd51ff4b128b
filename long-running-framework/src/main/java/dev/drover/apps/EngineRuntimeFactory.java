package dev.drover.apps;

import dev.drover.apps.engine.AppsEngine;
import dev.drover.apps.engine.AppsEngines;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.apps.runtime.EngineRuntime;

/**
 * The production {@link RuntimeFactory}: the apps engine with its scheduler driver ({@link AppsEngines#start}:
 * framework "apps", failover timeout one week, framework id kept in ZooKeeper, partition-aware).
 */
final class EngineRuntimeFactory {
  private EngineRuntimeFactory() {}

  static final RuntimeFactory DEFAULT = secured(dev.drover.security.Security.insecure());

  /** The production factory dialling the master as {@code security} says (TLS, token, principal). */
  static RuntimeFactory secured(dev.drover.security.Security security) {
    return (client, zk) -> {
      AppsEngine engine = AppsEngines.start(client, zk, EngineOptions.defaults(), security.grpcChannelCredentials(),
          security.clientPrincipal().orElse(""));
      return new RuntimeFactory.Started(new EngineRuntime(engine, java.time.Instant::now), engine::close,
          engine::frameworkId, engine::isConnected);
    };
  }
}
