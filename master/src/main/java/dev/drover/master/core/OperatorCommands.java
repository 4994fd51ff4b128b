package dev.drover.master.core;

import dev.drover.master.allocator.RoleSettings;
import dev.drover.master.maintenance.DrainRecord;
import dev.drover.master.maintenance.DrainView;
import dev.drover.master.registry.Registrar;
import dev.drover.master.registry.RoleRecord;
import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What operators change through the API: role weights and quotas, drains. Each is refused unless leading,
 * persisted in the registry, then applied on the loop. Thread-safe (every method only enqueues).
 */
final class OperatorCommands {
  private final MasterLoop loop;
  private final Supplier<Term> term;
  private final Registrar registrar;
  private final RoleSettings roleSettings;
  private final Persister persister;
  private final Clock clock;
  private final Runnable changed;

  /**
   * @param changed runs on the loop after a role change or a drain is applied and before its caller is answered
   *     (allocate soon, publish), so a read right after the answer sees the change
   */
  OperatorCommands(MasterLoop loop, Supplier<Term> term, Registrar registrar, RoleSettings roleSettings,
      Persister persister, Clock clock, Runnable changed) {
    this.loop = loop;
    this.term = term;
    this.registrar = registrar;
    this.roleSettings = roleSettings;
    this.persister = persister;
    this.clock = clock;
    this.changed = changed;
  }

  CompletableFuture<Void> updateWeights(Map<String, Double> weights) {
    Map<String, Double> copy = Map.copyOf(weights);
    for (Map.Entry<String, Double> e : copy.entrySet()) {
      if (!(e.getValue() > 0)) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(
            "weight of role " + e.getKey() + " must be positive, not " + e.getValue()));
      }
    }
    return persistRoles("weights of " + copy.keySet(), copy.keySet(), r -> new RoleRecord(r, copy.get(r),
        roleSettings.quotas().getOrDefault(r, Resources.EMPTY)),
        t -> t.allocator.allocator().updateWeights(copy));
  }

  CompletableFuture<Void> updateQuota(String role, Resources quota) {
    return persistRoles("quota of " + role, Set.of(role), r -> new RoleRecord(r, roleSettings.weight(r), quota),
        t -> t.allocator.allocator().updateQuota(role, quota));
  }

  private CompletableFuture<Void> persistRoles(String what, Set<String> roles, Function<String, RoleRecord> record,
      java.util.function.Consumer<Term> apply) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.enqueue("update " + what, () -> {
      Term t = term.get();
      if (t == null) {
        done.completeExceptionally(new IllegalStateException("not the leader"));
        return;
      }
      CompletableFuture<?>[] writes = roles.stream().map(r -> registrar.putRole(record.apply(r)))
          .toArray(CompletableFuture[]::new);
      persister.then(what, why -> done.completeExceptionally(new IllegalStateException(why)),
          CompletableFuture.allOf(writes), () -> {
            apply.accept(t);
            changed.run();
            done.complete(null);
          });
    });
    return done;
  }

  CompletableFuture<DrainView> drainAgent(String agentId, Duration gracePeriod, boolean kill) {
    CompletableFuture<DrainView> done = new CompletableFuture<>();
    loop.enqueue("drain " + agentId, () -> {
      Term t = term.get();
      if (t == null || t.cluster.agent(agentId).isEmpty()) {
        done.completeExceptionally(t != null ? new IllegalArgumentException("agentId: unknown agent '" + agentId
            + "'") : new IllegalStateException("not the leader"));
        return;
      }
      DrainRecord record = new DrainRecord(agentId, clock.instant(), gracePeriod, kill);
      persister.then("drain of agent " + agentId, why -> done.completeExceptionally(new IllegalStateException(why)),
          registrar.putDrain(record), () -> {
            t.maintenance.apply(record);
            changed.run();
            done.complete(t.maintenance.views().stream().filter(v -> v.agentId().equals(agentId)).findFirst()
                .orElseThrow());
          });
    });
    return done;
  }

  CompletableFuture<Void> undrainAgent(String agentId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.enqueue("undrain " + agentId, () -> {
      Term t = term.get();
      if (t == null || !t.maintenance.draining(agentId)) {
        done.completeExceptionally(t != null ? new IllegalArgumentException("agentId: agent '" + agentId
            + "' is not draining") : new IllegalStateException("not the leader"));
        return;
      }
      persister.then("undrain of agent " + agentId, why -> done.completeExceptionally(
          new IllegalStateException(why)), registrar.removeDrain(agentId), () -> {
            t.maintenance.undrain(agentId);
            changed.run();
            done.complete(null);
          });
    });
    return done;
  }
}
