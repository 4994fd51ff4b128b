package dev.drover.master.offer;

import dev.drover.master.state.AgentEntry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.FrameworkEntry;
import dev.drover.model.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation cycle: every connected agent's free resources (total − used − offered) go, whole, to the next
 * connected, non-suppressed framework in round-robin order that has not filtered that agent. DRF comes later.
 * Not thread-safe: used on the master's serial loop.
 */
public final class Allocator {
  /** Mesos' minimum allocatable size: an agent with less free than this of both cpus and mem is not offered. */
  static final double MIN_CPUS = 0.01;
  static final double MIN_MEM = 32;

  private int cursor;

  /** Creates offers in the cluster's book and returns them grouped by framework id. */
  public Map<String, List<Offer>> allocate(Cluster cluster, Instant now) {
    OfferBook book = cluster.offers();
    book.expireFilters(now);
    List<FrameworkEntry> eligible = new ArrayList<>();
    for (FrameworkEntry f : cluster.frameworks()) {
      if (f.connected() && !f.suppressed()) {
        eligible.add(f);
      }
    }
    Map<String, List<Offer>> out = new LinkedHashMap<>();
    if (eligible.isEmpty()) {
      return out;
    }
    for (AgentEntry agent : cluster.agents()) {
      if (!agent.connected()) {
        continue;
      }
      Resources free = cluster.available(agent);
      if (free.cpus() < MIN_CPUS && free.mem() < MIN_MEM) {
        continue;
      }
      int n = eligible.size();
      for (int i = 0; i < n; i++) {
        FrameworkEntry f = eligible.get((cursor + i) % n);
        if (!book.isFiltered(f.id(), agent.id(), now)) {
          Offer offer = book.create(f.id(), agent.id(), agent.info().hostname(), free, agent.info().attributes());
          out.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(offer);
          cursor = (cursor + i + 1) % n;
          break;
        }
      }
    }
    return out;
  }
}
