package dev.drover.master.registry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registry reads and writes off the master's serial loop, one at a time and in the order asked, and remembers
 * what is durable so that a write of an unchanged record (an agent re-registering as it was) completes at once
 * without touching the store. Thread-safe. Futures complete on the registrar's thread; callers enqueue what follows
 * back onto their loop. With an {@linkplain RegistryStore#immediate() immediate} store the calls run on the
 * caller's thread and the futures are already complete when returned, which keeps tests deterministic.
 */
public final class Registrar implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final RegistryStore store;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "drover-master-registry");
    t.setDaemon(true);
    return t;
  });
  private final java.util.concurrent.Executor calls;
  private final Map<String, RegisteredAgent> agents = new ConcurrentHashMap<>();
  private final Map<String, RegisteredFramework> frameworks = new ConcurrentHashMap<>();

  public Registrar(RegistryStore store) {
    this.store = store;
    this.calls = store.immediate() ? Runnable::run : writer;
  }

  /** Reads the whole registry (and forgets what an earlier term believed was durable). */
  public CompletableFuture<Registry> load() {
    return CompletableFuture.supplyAsync(() -> {
      Registry r = store.load();
      agents.clear();
      frameworks.clear();
      r.agents().forEach(a -> agents.put(a.id(), a));
      r.frameworks().forEach(f -> frameworks.put(f.id(), f));
      LOG.info("Read the registry: {} agent(s), {} framework(s)", r.agents().size(), r.frameworks().size());
      return r;
    }, calls);
  }

  public CompletableFuture<Void> putAgent(RegisteredAgent agent) {
    if (Objects.equals(agents.get(agent.id()), agent)) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> {
      store.putAgent(agent);
      agents.put(agent.id(), agent);
    }, calls);
  }

  public CompletableFuture<Void> removeAgent(String agentId) {
    return CompletableFuture.runAsync(() -> {
      store.removeAgent(agentId);
      agents.remove(agentId);
    }, calls);
  }

  public CompletableFuture<Void> putFramework(RegisteredFramework framework) {
    if (Objects.equals(frameworks.get(framework.id()), framework)) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> {
      store.putFramework(framework);
      frameworks.put(framework.id(), framework);
    }, calls);
  }

  public CompletableFuture<Void> removeFramework(String frameworkId) {
    return CompletableFuture.runAsync(() -> {
      store.removeFramework(frameworkId);
      frameworks.remove(frameworkId);
    }, calls);
  }

  public CompletableFuture<Void> putDrain(dev.drover.master.maintenance.DrainRecord drain) {
    return CompletableFuture.runAsync(() -> store.putDrain(drain), calls);
  }

  public CompletableFuture<Void> removeDrain(String agentId) {
    return CompletableFuture.runAsync(() -> store.removeDrain(agentId), calls);
  }

  /** Persists a role's settings; a role back at the defaults loses its record. */
  public CompletableFuture<Void> putRole(RoleRecord role) {
    return CompletableFuture.runAsync(() -> {
      if (role.isDefault()) {
        store.removeRole(role.role());
      } else {
        store.putRole(role);
      }
    }, calls);
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
