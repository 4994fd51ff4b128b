package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/** The allocator's book for one agent: its total, what is allocated and to whom, and whether it may be offered. */
final class AgentSlot {
  final String id;
  Resources total;
  Resources allocated = Resources.EMPTY;
  final Map<Holder, Resources> holders = new LinkedHashMap<>();
  boolean active = true;
  boolean draining;
  private Resources available;

  AgentSlot(String id, Resources total) {
    this.id = id;
    this.total = total;
  }

  Resources available() {
    if (available == null) {
      available = allocated.isEmpty() ? total : total.minus(allocated);
    }
    return available;
  }

  void add(Holder h, Resources r) {
    holders.merge(h, r, Resources::plus);
    allocated = allocated.isEmpty() ? r : allocated.plus(r);
    available = null;
  }

  /** Takes {@code r} (at most what {@code h} holds here) away; returns what was actually taken. */
  Resources remove(Holder h, Resources r) {
    Resources held = holders.get(h);
    if (held == null) {
      return Resources.EMPTY;
    }
    Resources left = held.minus(r);
    Resources taken = held.minus(left);
    if (left.isEmpty()) {
      holders.remove(h);
    } else {
      holders.put(h, left);
    }
    allocated = allocated.minus(taken);
    available = null;
    return taken;
  }

  void total(Resources total) {
    this.total = total;
    available = null;
  }
}
