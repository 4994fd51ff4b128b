package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Dominant Resource Fairness: clients are ordered by their dominant share (largest fraction of the cluster's cpus,
 * mem, disk or gpus they hold) divided by their weight; ties go to the client with fewer allocations so far, then
 * to the smaller name. The order is kept in a tree and updated per allocation (O(log n)); a change of the cluster's
 * totals recomputes every share once, at the next sort. See {@link Sorter} for the contract.
 */
public final class DrfSorter implements Sorter {
  private static final class Client {
    final String name;
    final long[] allocated = new long[Scalars.KINDS];
    double weight = 1;
    double share;
    long allocations;
    boolean active = true;

    Client(String name) {
      this.name = name;
    }
  }

  private static final Comparator<Client> ORDER = Comparator.<Client>comparingDouble(c -> c.share)
      .thenComparingLong(c -> c.allocations)
      .thenComparing(c -> c.name);

  private final ClusterTotals totals;
  private final Map<String, Client> clients = new HashMap<>();
  private final TreeSet<Client> order = new TreeSet<>(ORDER);
  private long seenVersion = -1;

  public DrfSorter(ClusterTotals totals) {
    this.totals = totals;
  }

  @Override
  public void add(String client) {
    clients.computeIfAbsent(client, k -> {
      Client c = new Client(k);
      order.add(c);
      return c;
    });
  }

  @Override
  public void remove(String client) {
    Client c = clients.remove(client);
    if (c != null) {
      order.remove(c);
    }
  }

  @Override
  public void activate(String client) {
    Client c = clients.get(client);
    if (c != null && !c.active) {
      c.active = true;
      c.share = share(c);
      order.add(c);
    }
  }

  @Override
  public void deactivate(String client) {
    Client c = clients.get(client);
    if (c != null && c.active) {
      order.remove(c);
      c.active = false;
    }
  }

  @Override
  public void weight(String client, double weight) {
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight must be positive, not " + weight);
    }
    update(client, c -> c.weight = weight);
  }

  @Override
  public void allocated(String client, String agentId, Resources resources) {
    long[] v = Scalars.of(resources);
    update(client, c -> {
      Scalars.add(c.allocated, v);
      c.allocations++;
    });
  }

  @Override
  public void unallocated(String client, String agentId, Resources resources) {
    long[] v = Scalars.of(resources);
    update(client, c -> Scalars.subtract(c.allocated, v));
  }

  @Override
  public boolean contains(String client) {
    return clients.containsKey(client);
  }

  /** The client's dominant share divided by its weight; 0 for an unknown client. */
  public double share(String client) {
    Client c = clients.get(client);
    return c == null ? 0 : share(c);
  }

  @Override
  public List<String> sort() {
    List<String> out = new ArrayList<>(order.size());
    visit(out::add);
    return out;
  }

  @Override
  public void visit(Predicate<String> visitor) {
    refreshIfTotalsChanged();
    for (Client c : order) {
      if (!visitor.test(c.name)) {
        return;
      }
    }
  }

  private void update(String client, java.util.function.Consumer<Client> change) {
    Client c = clients.get(client);
    if (c == null) {
      return;
    }
    if (c.active) {
      order.remove(c);
    }
    change.accept(c);
    c.share = share(c);
    if (c.active) {
      order.add(c);
    }
  }

  private void refreshIfTotalsChanged() {
    if (seenVersion == totals.version()) {
      return;
    }
    seenVersion = totals.version();
    order.clear();
    for (Client c : clients.values()) {
      c.share = share(c);
      if (c.active) {
        order.add(c);
      }
    }
  }

  private double share(Client c) {
    return totals.dominantShare(c.allocated) / c.weight;
  }
}
