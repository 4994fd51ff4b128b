package dev.drover.apps;

import dev.drover.apps.engine.AppsEngine;
import dev.drover.apps.engine.AppsEngines;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.apps.runtime.EngineRuntime;

/**
 * The production {@link RuntimeFactory}: the apps engine with its scheduler driver ({@link AppsEngines#start}:
 * framework "apps", failover timeout one week, framework id kept in ZooKeeper, partition-aware, running instances
 * drained for {@link #DRAIN} before a kill).
 */
final class EngineRuntimeFactory {
  private EngineRuntimeFactory() {}

  /** Default drain period before a running instance is killed (docs/router.md); an app's label can change it. */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(2);

  static final RuntimeFactory DEFAULT = secured(dev.drover.security.Security.insecure());

  /** The production factory dialling the master as {@code security} says (TLS, token, principal). */
  static RuntimeFactory secured(dev.drover.security.Security security) {
    return (client, zk) -> {
      AppsEngine engine = AppsEngines.start(client, zk, EngineOptions.defaults().withDrain(DRAIN),
          security.grpcChannelCredentials(), security.clientPrincipal().orElse(""));
      return new RuntimeFactory.Started(new EngineRuntime(engine, java.time.Instant::now), engine::close,
          engine::frameworkId, engine::isConnected);
    };
  }
}
