package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A seeded random order, weighted: each sort draws clients without replacement with probability proportional to
 * their weight, so over many cycles a client of weight 3 comes first three times as often as one of weight 1.
 * Allocations are ignored. For comparison with {@link DrfSorter}; see {@link Sorter} for the contract.
 */
public final class RandomSorter implements Sorter {
  private final Random random;
  private final Map<String, Double> weights = new LinkedHashMap<>();
  private final Map<String, Boolean> active = new LinkedHashMap<>();

  public RandomSorter(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public void add(String client) {
    if (!weights.containsKey(client)) {
      weights.put(client, 1.0);
      active.put(client, true);
    }
  }

  @Override
  public void remove(String client) {
    weights.remove(client);
    active.remove(client);
  }

  @Override
  public void activate(String client) {
    active.computeIfPresent(client, (k, v) -> true);
  }

  @Override
  public void deactivate(String client) {
    active.computeIfPresent(client, (k, v) -> false);
  }

  @Override
  public void weight(String client, double weight) {
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight must be positive, not " + weight);
    }
    weights.computeIfPresent(client, (k, v) -> weight);
  }

  @Override
  public void allocated(String client, String agentId, Resources resources) {}

  @Override
  public void unallocated(String client, String agentId, Resources resources) {}

  @Override
  public boolean contains(String client) {
    return weights.containsKey(client);
  }

  @Override
  public List<String> sort() {
    List<String> pool = new ArrayList<>();
    active.forEach((k, on) -> {
      if (on) {
        pool.add(k);
      }
    });
    Collections.sort(pool);
    List<String> out = new ArrayList<>(pool.size());
    double sum = 0;
    for (String c : pool) {
      sum += weights.get(c);
    }
    while (!pool.isEmpty()) {
      double pick = random.nextDouble() * sum;
      int i = 0;
      while (i < pool.size() - 1 && (pick -= weights.get(pool.get(i))) >= 0) {
        i++;
      }
      String c = pool.remove(i);
      sum -= weights.get(c);
      out.add(c);
    }
    return out;
  }

  @Override
  public void visit(Predicate<String> visitor) {
    for (String c : sort()) {
      if (!visitor.test(c)) {
        return;
      }
    }
  }
}
