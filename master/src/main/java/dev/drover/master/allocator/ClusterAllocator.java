package dev.drover.master.allocator;

import dev.drover.master.offer.Offer;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.master.state.TaskEntry;
import dev.drover.master.state.TaskKey;
import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the {@link HierarchicalAllocator} to one term's {@link Cluster}: before each cycle it brings the allocator's
 * books in line with the cluster (agents, frameworks, suppression, what tasks and outstanding offers hold), rescinds
 * offers older than the offer timeout, then turns the cycle's allocations into offers in the {@link OfferBook}.
 * Decline filters reach it through the book's listener. The handlers keep changing the cluster as before; only
 * agents whose holdings changed are marked for the next batched cycle. Not thread-safe: the master's serial loop.
 */
public final class ClusterAllocator {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterAllocator.class);

  private record Outstanding(String frameworkId, String agentId, String role, Resources resources,
      Instant created) {}

  private static final class HeldTask {
    final Holder holder;
    final String agentId;
    final Resources resources;
    long generation;

    HeldTask(Holder holder, String agentId, Resources resources) {
      this.holder = holder;
      this.agentId = agentId;
      this.resources = resources;
    }
  }

  private record KnownAgent(Resources total, boolean active) {}

  private record KnownFramework(List<String> roles, Set<String> suppressed, boolean active) {}

  private final Cluster cluster;
  private final Clock clock;
  private final AllocatorConfig config;
  private final HierarchicalAllocator allocator;
  private final Map<String, Outstanding> outstanding = new HashMap<>();
  private final Map<TaskKey, HeldTask> heldTasks = new HashMap<>();
  private long generation;
  private final Map<String, KnownAgent> knownAgents = new HashMap<>();
  private final Map<String, KnownFramework> knownFrameworks = new HashMap<>();

  public ClusterAllocator(Cluster cluster, AllocatorConfig config, Clock clock, RoleSettings settings) {
    this.cluster = cluster;
    this.clock = clock;
    this.config = config;
    this.allocator = new HierarchicalAllocator(config, clock, settings);
    cluster.offers().filterListener(new OfferBook.FilterListener() {
      @Override
      public void filtered(String frameworkId, String agentId, Instant until) {
        allocator.filter(frameworkId, agentId, until);
      }

      @Override
      public void cleared(String frameworkId) {
        allocator.clearFilters(frameworkId);
      }
    });
  }

  public HierarchicalAllocator allocator() {
    return allocator;
  }

  /** Rescinds timed-out offers, syncs, runs one cycle and returns the new offers by framework id. */
  public Map<String, List<Offer>> allocate() {
    rescindExpired();
    cluster.offers().expireFilters(clock.instant());  // the book's copy of the filters; the allocator's are the truth
    sync();
    Map<String, List<Offer>> out = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (Allocation a : allocator.cycle()) {
      AgentEntry agent = cluster.agent(a.agentId()).orElseThrow();
      Offer o = cluster.offers().create(a.frameworkId(), a.agentId(), agent.info().hostname(), a.resources(),
          agent.info().attributes());
      outstanding.put(o.id(), new Outstanding(a.frameworkId(), a.agentId(), a.role(), a.resources(), now));
      out.computeIfAbsent(a.frameworkId(), k -> new ArrayList<>()).add(o);
    }
    return out;
  }

  /** Marks the agent draining (no offers from it) or not. */
  public void draining(String agentId, boolean draining) {
    allocator.agentDraining(agentId, draining);
  }

  private void rescindExpired() {
    if (config.offerTimeout().isEmpty() || outstanding.isEmpty()) {
      return;
    }
    Instant cutoff = clock.instant().minus(config.offerTimeout().get());
    for (Map.Entry<String, Outstanding> e : List.copyOf(outstanding.entrySet())) {
      Outstanding meta = e.getValue();
      if (!meta.created().isAfter(cutoff)) {
        outstanding.remove(e.getKey());
        allocator.recover(meta.frameworkId(), meta.role(), meta.agentId(), meta.resources());
        cluster.offers().remove(e.getKey()).ifPresent(o -> {
          cluster.framework(o.frameworkId()).filter(FrameworkEntry::connected)
              .ifPresent(f -> f.channel().rescind(o.id()));
          LOG.info("Rescinded offer {} of agent {} to framework {}: outstanding longer than {}", o.id(),
              o.agentId(), o.frameworkId(), config.offerTimeout().get());
        });
      }
    }
  }

  private void sync() {
    syncAgents();
    syncFrameworks();
    syncHoldings();
  }

  private void syncAgents() {
    Set<String> seen = new HashSet<>();
    for (AgentEntry a : cluster.agents()) {
      seen.add(a.id());
      KnownAgent now = new KnownAgent(a.info().resources(), a.connected());
      KnownAgent before = knownAgents.put(a.id(), now);
      if (before == null) {
        allocator.addAgent(a.id(), now.total());
      } else if (!before.total().equals(now.total())) {
        allocator.updateAgent(a.id(), now.total());
      }
      allocator.agentActive(a.id(), now.active());
    }
    knownAgents.keySet().removeIf(id -> {
      if (!seen.contains(id)) {
        allocator.removeAgent(id);
        return true;
      }
      return false;
    });
  }

  private void syncFrameworks() {
    Set<String> seen = new HashSet<>();
    for (FrameworkEntry f : cluster.frameworks()) {
      seen.add(f.id());
      KnownFramework before = knownFrameworks.get(f.id());
      Set<String> suppressed = before != null && before.suppressed().equals(f.suppressedRoles())
          ? before.suppressed() : Set.copyOf(f.suppressedRoles());
      KnownFramework now = new KnownFramework(f.info().roles(), suppressed, f.connected());
      knownFrameworks.put(f.id(), now);
      if (before == null) {
        allocator.addFramework(f.id(), now.roles(), suppressed);
      } else {
        if (!before.roles().equals(now.roles())) {
          allocator.updateFramework(f.id(), now.roles());
        }
        if (before.suppressed() != suppressed) {
          List<String> revived = before.suppressed().stream().filter(r -> !suppressed.contains(r)).toList();
          List<String> added = suppressed.stream().filter(r -> !before.suppressed().contains(r)).toList();
          if (!revived.isEmpty()) {
            allocator.revive(f.id(), revived);
          }
          if (!added.isEmpty()) {
            allocator.suppress(f.id(), added);
          }
        }
      }
      allocator.frameworkActive(f.id(), now.active());
    }
    knownFrameworks.keySet().removeIf(id -> {
      if (!seen.contains(id)) {
        allocator.removeFramework(id);
        return true;
      }
      return false;
    });
  }

  /**
   * Tells the allocator what changed in what tasks and offers hold since the last sync: offers that went away
   * (accepted, declined, rescinded) give their resources back, new live tasks take theirs, tasks that ended or were
   * forgotten give theirs back. O(tasks + outstanding offers) hash lookups, no resource arithmetic when nothing
   * changed.
   */
  private void syncHoldings() {
    Map<String, String> vanishedOfferRole = new HashMap<>();
    OfferBook book = cluster.offers();
    outstanding.entrySet().removeIf(e -> {
      if (book.get(e.getKey()).isPresent()) {
        return false;
      }
      Outstanding gone = e.getValue();
      vanishedOfferRole.put(gone.frameworkId() + "/" + gone.agentId(), gone.role());
      allocator.recover(gone.frameworkId(), gone.role(), gone.agentId(), gone.resources());
      return true;
    });
    generation++;
    for (TaskEntry t : cluster.tasks()) {
      HeldTask held = heldTasks.get(t.key());
      if (t.state().isTerminal()) {
        if (held != null) {
          heldTasks.remove(t.key());
          allocator.recover(held.holder.frameworkId(), held.holder.role(), held.agentId, held.resources);
        }
        continue;
      }
      if (held == null) {
        String fw = t.key().frameworkId();
        String role = vanishedOfferRole.getOrDefault(fw + "/" + t.agentId(), firstRole(fw));
        held = new HeldTask(new Holder(fw, role), t.agentId(), t.resources());
        heldTasks.put(t.key(), held);
        allocator.allocated(fw, role, t.agentId(), t.resources());
      }
      held.generation = generation;
    }
    heldTasks.values().removeIf(h -> {
      if (h.generation == generation) {
        return false;
      }
      allocator.recover(h.holder.frameworkId(), h.holder.role(), h.agentId, h.resources);
      return true;
    });
  }

  private String firstRole(String frameworkId) {
    return cluster.framework(frameworkId).map(f -> f.info().roles().get(0)).orElse("*");
  }
}
