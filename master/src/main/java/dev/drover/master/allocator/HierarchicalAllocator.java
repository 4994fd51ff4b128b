package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hierarchical DRF as in Mesos' {@code hierarchical.hpp}: for each agent to visit, the free resources go to the
 * first role in the role sorter (weighted) that has quota headroom, and inside it to the first framework in that
 * role's sorter that wants offers for the role and has not filtered the agent. A role's quota caps what it is given.
 *
 * <p>A {@link #cycle} visits only the agents that changed since the last one (added, resources returned, reactivated,
 * total changed), or every agent after a change that can make an unchanged agent useful to someone (a framework
 * added, activated or revived, a filter ended, weights or quota changed). Not thread-safe: owned by the master's
 * serial loop; the clock is only read in {@link #cycle} and when a filter is set.
 */
public final class HierarchicalAllocator {
  private static final Logger LOG = LoggerFactory.getLogger(HierarchicalAllocator.class);

  private final AllocatorConfig config;
  private final Clock clock;
  private final ClusterTotals totals = new ClusterTotals();
  private final Sorter roleSorter;
  private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
  private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
  private final Map<String, RoleSlot> roles = new LinkedHashMap<>();
  private final RoleSettings settings;
  private final OfferFilters filters = new OfferFilters();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> draining = new HashSet<>();
  private boolean full = true;
  private CycleStats last = new CycleStats(0, 0, false);

  public HierarchicalAllocator(AllocatorConfig config, Clock clock, RoleSettings settings) {
    this.config = config;
    this.clock = clock;
    this.settings = settings;
    this.roleSorter = config.newSorter(totals, "roles");
    settings.weights().forEach((role, w) -> role(role));
    settings.quotas().keySet().forEach(this::role);
  }

  // Agents

  public void addAgent(String agentId, Resources total) {
    if (agents.containsKey(agentId)) {
      updateAgent(agentId, total);
      return;
    }
    AgentSlot slot = new AgentSlot(agentId, total);
    slot.draining = draining.contains(agentId);
    agents.put(agentId, slot);
    totals.add(total);
    changed.add(agentId);
  }

  public void updateAgent(String agentId, Resources total) {
    AgentSlot a = agents.get(agentId);
    if (a != null && !a.total.equals(total)) {
      totals.remove(a.total);
      totals.add(total);
      a.total(total);
      changed.add(agentId);
    }
  }

  /** Forgets the agent; what was allocated on it is gone with it. */
  public void removeAgent(String agentId) {
    AgentSlot a = agents.get(agentId);
    if (a == null) {
      return;
    }
    for (Map.Entry<Holder, Resources> e : List.copyOf(a.holders.entrySet())) {
      recover(e.getKey().frameworkId(), e.getKey().role(), agentId, e.getValue());
    }
    agents.remove(agentId);
    totals.remove(a.total);
    filters.clearAgent(agentId);
    changed.remove(agentId);
  }

  /** Active agents are offered; an inactive one (disconnected) keeps its allocations but is skipped. */
  public void agentActive(String agentId, boolean active) {
    AgentSlot a = agents.get(agentId);
    if (a != null && a.active != active) {
      a.active = active;
      if (active) {
        changed.add(agentId);
      }
    }
  }

  /** A draining agent is not offered; undraining makes it offerable again. May precede {@link #addAgent}. */
  public void agentDraining(String agentId, boolean drain) {
    if (drain) {
      draining.add(agentId);
    } else {
      draining.remove(agentId);
    }
    AgentSlot a = agents.get(agentId);
    if (a != null && a.draining != drain) {
      a.draining = drain;
      if (!drain) {
        changed.add(agentId);
      }
    }
  }

  // Frameworks

  public void addFramework(String frameworkId, Collection<String> roles, Collection<String> suppressedRoles) {
    FrameworkSlot f = frameworks.computeIfAbsent(frameworkId, FrameworkSlot::new);
    f.active = true;
    f.suppressed.addAll(suppressedRoles);
    updateFramework(frameworkId, roles);
    full = true;
  }

  /** The framework's roles changed: it leaves the roles it no longer has (keeping what it holds) and joins new ones. */
  public void updateFramework(String frameworkId, Collection<String> newRoles) {
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f == null) {
      return;
    }
    for (String r : List.copyOf(f.roles)) {
      if (!newRoles.contains(r)) {
        f.roles.remove(r);
        role(r).frameworks.deactivate(frameworkId);
        role(r).members.remove(frameworkId);
      }
    }
    for (String r : newRoles) {
      if (f.roles.add(r)) {
        RoleSlot slot = role(r);
        slot.members.add(frameworkId);
        slot.frameworks.add(frameworkId);
        full = true;
      }
      refresh(f, r);
    }
  }

  /** Forgets the framework; everything it held is returned. */
  public void removeFramework(String frameworkId) {
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f == null) {
      return;
    }
    for (String agentId : List.copyOf(f.agents)) {
      AgentSlot a = agents.get(agentId);
      for (Map.Entry<Holder, Resources> e : List.copyOf(a.holders.entrySet())) {
        if (e.getKey().frameworkId().equals(frameworkId)) {
          recover(frameworkId, e.getKey().role(), agentId, e.getValue());
        }
      }
    }
    for (RoleSlot r : roles.values()) {
      r.frameworks.remove(frameworkId);
      r.members.remove(frameworkId);
    }
    filters.clear(frameworkId);
    frameworks.remove(frameworkId);
  }

  /** An inactive (disconnected) framework keeps what it holds but gets no offers. */
  public void frameworkActive(String frameworkId, boolean active) {
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f != null && f.active != active) {
      f.active = active;
      f.roles.forEach(r -> refresh(f, r));
      full |= active;
    }
  }

  /** SUPPRESS: no offers for these roles (empty: all the framework's roles) until {@link #revive}. */
  public void suppress(String frameworkId, Collection<String> roles) {
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f != null) {
      f.suppressed.addAll(roles.isEmpty() ? f.roles : roles);
      f.roles.forEach(r -> refresh(f, r));
    }
  }

  /** REVIVE: offers again for these roles (empty: all), and the framework's filters are gone. */
  public void revive(String frameworkId, Collection<String> roles) {
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f != null) {
      f.suppressed.removeAll(roles.isEmpty() ? Set.copyOf(f.suppressed) : roles);
      f.roles.forEach(r -> refresh(f, r));
      filters.clear(frameworkId);
      full = true;
    }
  }

  /** DECLINE: the framework gets nothing of the agent for {@code refuse} (zero or negative: no filter). */
  public void decline(String frameworkId, String agentId, Duration refuse) {
    filter(frameworkId, agentId, clock.instant().plus(refuse));
  }

  /** The framework gets nothing of the agent until {@code until}. */
  public void filter(String frameworkId, String agentId, Instant until) {
    if (frameworks.containsKey(frameworkId) && until.isAfter(clock.instant())) {
      filters.add(frameworkId, agentId, until);
    }
  }

  /** Forgets the framework's filters. */
  public void clearFilters(String frameworkId) {
    if (filters.clear(frameworkId)) {
      full = true;
    }
  }

  // Allocations made elsewhere or returned

  /**
   * Records that the holder uses {@code resources} on the agent (a task the master learnt of, an offer it made). A
   * framework not added yet (its tasks came back with an agent before it re-subscribed) is added, inactive.
   */
  public void allocated(String frameworkId, String role, String agentId, Resources resources) {
    AgentSlot a = agents.get(agentId);
    if (a == null || resources.isEmpty()) {
      return;
    }
    FrameworkSlot f = frameworks.computeIfAbsent(frameworkId, id -> {
      FrameworkSlot slot = new FrameworkSlot(id);
      slot.active = false;
      return slot;
    });
    track(a, f, role(role), resources);
  }

  /** The holder gives {@code resources} on the agent back (offer declined or rescinded, task ended). */
  public void recover(String frameworkId, String role, String agentId, Resources resources) {
    AgentSlot a = agents.get(agentId);
    if (a == null) {
      return;
    }
    Resources taken = a.remove(new Holder(frameworkId, role), resources);
    if (taken.isEmpty()) {
      return;
    }
    RoleSlot r = role(role);
    r.frameworks.unallocated(frameworkId, agentId, taken);
    roleSorter.unallocated(role, agentId, taken);
    Scalars.subtract(r.allocated, Scalars.of(taken));
    FrameworkSlot f = frameworks.get(frameworkId);
    if (f != null && a.holders.keySet().stream().noneMatch(h -> h.frameworkId().equals(frameworkId))) {
      f.agents.remove(agentId);
    }
    changed.add(agentId);
  }

  /** What each holder has on the agent now (a copy). */
  public Map<Holder, Resources> allocations(String agentId) {
    AgentSlot a = agents.get(agentId);
    return a == null ? Map.of() : Map.copyOf(a.holders);
  }

  // Roles

  /** Sets the role weights given (others keep theirs); a weight must be positive. */
  public void updateWeights(Map<String, Double> weights) {
    weights.forEach((r, w) -> {
      if (!(w > 0)) {
        throw new IllegalArgumentException("weight of role " + r + " must be positive, not " + w);
      }
    });
    weights.forEach((r, w) -> {
      settings.weight(r, w);
      roleSorter.add(r);
      role(r);
      roleSorter.weight(r, w);
    });
    LOG.info("Role weights set: {}", weights);
    full = true;
  }

  /** Sets the role's quota limit; {@link Resources#EMPTY} removes it. */
  public void updateQuota(String role, Resources quota) {
    settings.quota(role, quota);
    role(role);
    LOG.info("Quota of role {} {}", role, quota.isEmpty() ? "removed" : "set to " + quota);
    full = true;
  }

  /** Every role with a weight, a quota, a framework or an allocation. */
  public RolesView roles() {
    return RolesView.of(roles.values(), settings, roleSorter);
  }

  // The cycle

  /** Allocates the free resources of the agents to visit and returns the allocations made, in order. */
  public List<Allocation> cycle() {
    Instant now = clock.instant();
    if (filters.expire(now)) {
      full = true;
    }
    Collection<AgentSlot> visit;
    if (full) {
      visit = agents.values();
    } else {
      visit = new ArrayList<>(changed.size());
      for (String id : changed) {
        AgentSlot a = agents.get(id);
        if (a != null) {
          visit.add(a);
        }
      }
    }
    boolean wasFull = full;
    full = false;
    changed.clear();
    List<Allocation> out = new ArrayList<>();
    for (AgentSlot a : visit) {
      allocate(a, now, out);
    }
    last = new CycleStats(visit.size(), out.size(), wasFull);
    LOG.debug("Allocation cycle: {}", last);
    return out;
  }

  public CycleStats lastCycle() {
    return last;
  }

  /** Whether {@code r} reaches the minimum allocatable size. */
  public boolean allocatable(Resources r) {
    return r.cpus() >= config.minCpus() || r.mem() >= config.minMemMb();
  }

  private void allocate(AgentSlot a, Instant now, List<Allocation> out) {
    if (!a.active || a.draining) {
      return;
    }
    Resources free = a.available();
    while (allocatable(free)) {
      Allocation pick = pick(a, free, now);
      if (pick == null) {
        return;
      }
      track(a, frameworks.get(pick.frameworkId()), roles.get(pick.role()), pick.resources());
      out.add(pick);
      free = a.available();
    }
  }

  private Allocation pick(AgentSlot a, Resources free, Instant now) {
    Allocation[] chosen = new Allocation[1];
    roleSorter.visit(roleName -> {
      RoleSlot r = roles.get(roleName);
      Resources quota = settings.quotas().get(roleName);
      Resources offerable = r.capToQuota(free, quota, quota == null ? null : settings.quotaLimits(roleName));
      if (!allocatable(offerable)) {
        return true;
      }
      r.frameworks.visit(fid -> {
        if (filters.isFiltered(fid, a.id, now)) {
          return true;
        }
        chosen[0] = new Allocation(fid, roleName, a.id, offerable);
        return false;
      });
      return chosen[0] == null;
    });
    return chosen[0];
  }

  private void track(AgentSlot a, FrameworkSlot f, RoleSlot r, Resources resources) {
    a.add(new Holder(f.id, r.name), resources);
    f.agents.add(a.id);
    r.frameworks.add(f.id);
    r.frameworks.allocated(f.id, a.id, resources);
    roleSorter.allocated(r.name, a.id, resources);
    Scalars.add(r.allocated, Scalars.of(resources));
    if (!f.wants(r.name)) {
      r.frameworks.deactivate(f.id);
    }
  }

  private void refresh(FrameworkSlot f, String role) {
    Sorter s = role(role).frameworks;
    if (f.wants(role)) {
      s.activate(f.id);
    } else {
      s.deactivate(f.id);
    }
  }

  private RoleSlot role(String name) {
    return roles.computeIfAbsent(name, n -> {
      roleSorter.add(n);
      roleSorter.weight(n, settings.weight(n));
      return new RoleSlot(n, config.newSorter(totals, "role:" + n));
    });
  }
}
