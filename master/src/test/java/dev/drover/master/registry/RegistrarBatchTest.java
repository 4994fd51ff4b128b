package dev.drover.master.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.maintenance.DrainRecord;
import dev.drover.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Agents' records that arrive while a registry write is in flight are written together, in one call. */
class RegistrarBatchTest {
  private static final AgentDescriptor AGENT = new AgentDescriptor("h", 5052, Resources.parse("cpus:1"), List.of(),
      "", "", "");

  /** A slow store: the first write waits until released; records what each call wrote. */
  private static final class SlowStore implements RegistryStore {
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<String>> calls = new ArrayList<>();
    volatile RuntimeException failure;

    @Override
    public Registry load() {
      return Registry.EMPTY;
    }

    @Override
    public void putAgents(List<RegisteredAgent> agents, Set<String> known) {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
      synchronized (calls) {
        calls.add(agents.stream().map(RegisteredAgent::id).toList());
      }
    }

    @Override
    public void putAgent(RegisteredAgent agent) {
      putAgents(List.of(agent), Set.of());
    }

    @Override
    public void removeAgent(String agentId) {
      synchronized (calls) {
        calls.add(List.of("-" + agentId));
      }
    }

    @Override
    public void putFramework(RegisteredFramework framework) {}

    @Override
    public void removeFramework(String frameworkId) {}

    @Override
    public void putDrain(DrainRecord drain) {}

    @Override
    public void removeDrain(String agentId) {}

    @Override
    public void putRole(RoleRecord role) {}

    @Override
    public void removeRole(String role) {}
  }

  @Test
  void agentsArrivingDuringAWriteGoIntoOneBatch() throws Exception {
    SlowStore store = new SlowStore();
    try (Registrar registrar = new Registrar(store)) {
      CompletableFuture<Void> first = registrar.putAgent(new RegisteredAgent("a0", AGENT));
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        rest.add(registrar.putAgent(new RegisteredAgent("a" + i, AGENT)));
      }
      CompletableFuture<Void> removed = registrar.removeAgent("a0");
      CompletableFuture<Void> after = registrar.putAgent(new RegisteredAgent("a101", AGENT));
      assertTrue(rest.stream().noneMatch(CompletableFuture::isDone), "nothing is acknowledged before it is durable");
      store.release.countDown();
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      first.get(10, TimeUnit.SECONDS);
      removed.get(10, TimeUnit.SECONDS);
      after.get(10, TimeUnit.SECONDS);
      assertTrue(store.calls.size() <= 4, "a few calls, not one per agent: " + store.calls.size());
      List<String> order = store.calls.stream().flatMap(List::stream).toList();
      assertEquals(103, order.size());
      assertTrue(order.indexOf("-a0") > order.indexOf("a100"), "the remove comes after the puts asked before it");
      assertTrue(order.indexOf("a101") > order.indexOf("-a0"), "and before the put asked after it");
    }
  }

  @Test
  void aFailedBatchFailsEveryoneInIt() throws Exception {
    SlowStore store = new SlowStore();
    store.failure = new FencedException("gone", "/master/election/x");
    store.release.countDown();
    try (Registrar registrar = new Registrar(store)) {
      CompletableFuture<Void> put = registrar.putAgent(new RegisteredAgent("a0", AGENT));
      ExecutionException e = assertThrows(ExecutionException.class, () -> put.get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof FencedException, e.toString());
    }
  }
}
