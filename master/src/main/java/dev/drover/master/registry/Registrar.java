package dev.drover.master.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private AgentBatch openBatch;  // guarded by this

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

  /**
   * Persists an agent's record. Records asked for while an earlier batch is being written are grouped into the next
   * batch, written with one {@link RegistryStore#putAgents} call (a few ZooKeeper multi-ops), and each future
   * completes when its batch is durable. Order with the other writes is kept: a later remove or put of anything
   * starts a new batch.
   */
  public CompletableFuture<Void> putAgent(RegisteredAgent agent) {
    if (Objects.equals(agents.get(agent.id()), agent)) {
      return CompletableFuture.completedFuture(null);
    }
    if (store.immediate()) {
      try {
        store.putAgent(agent);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      agents.put(agent.id(), agent);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (openBatch == null) {
        AgentBatch batch = new AgentBatch();
        openBatch = batch;
        writer.execute(() -> writeBatch(batch));
      }
      openBatch.agents.put(agent.id(), agent);
      openBatch.waiting.add(done);
    }
    return done;
  }

  private void writeBatch(AgentBatch batch) {
    synchronized (this) {
      if (openBatch == batch) {
        openBatch = null;
      }
    }
    List<RegisteredAgent> records = List.copyOf(batch.agents.values());
    try {
      store.putAgents(records, agents.keySet());
      records.forEach(a -> agents.put(a.id(), a));
      batch.waiting.forEach(f -> f.complete(null));
      if (records.size() > 1) {
        LOG.debug("Persisted {} agent record(s) in one batch", records.size());
      }
    } catch (RuntimeException e) {
      batch.waiting.forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Agents' records asked for while the writer was busy; filled under the registrar's lock until it is written. */
  private static final class AgentBatch {
    final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
    final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  }

  /** Closes the open batch of agents, so that what is asked next is written after it. */
  private synchronized void seal() {
    openBatch = null;
  }

  public CompletableFuture<Void> removeAgent(String agentId) {
    seal();
    return CompletableFuture.runAsync(() -> {
      store.removeAgent(agentId);
      agents.remove(agentId);
    }, calls);
  }

  public CompletableFuture<Void> putFramework(RegisteredFramework framework) {
    if (Objects.equals(frameworks.get(framework.id()), framework)) {
      return CompletableFuture.completedFuture(null);
    }
    seal();
    return CompletableFuture.runAsync(() -> {
      store.putFramework(framework);
      frameworks.put(framework.id(), framework);
    }, calls);
  }

  public CompletableFuture<Void> removeFramework(String frameworkId) {
    seal();
    return CompletableFuture.runAsync(() -> {
      store.removeFramework(frameworkId);
      frameworks.remove(frameworkId);
    }, calls);
  }

  public CompletableFuture<Void> putDrain(dev.drover.master.maintenance.DrainRecord drain) {
    seal();
    return CompletableFuture.runAsync(() -> store.putDrain(drain), calls);
  }

  public CompletableFuture<Void> removeDrain(String agentId) {
    seal();
    return CompletableFuture.runAsync(() -> store.removeDrain(agentId), calls);
  }

  /** Persists a role's settings; a role back at the defaults loses its record. */
  public CompletableFuture<Void> putRole(RoleRecord role) {
    seal();
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
