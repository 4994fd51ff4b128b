package dev.drover.master.offer;

import dev.drover.master.agent.Attribute;
import dev.drover.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outstanding offers of one leadership term and the frameworks' decline filters. Resources that are offered are
 * not free; removing an offer (accept, decline, rescind) returns whatever was not used to the pool, since free
 * resources are computed as total − used − offered. Not thread-safe: owned by the master's serial loop.
 */
public final class OfferBook {
  private record FilterKey(String frameworkId, String agentId) {}

  /** Told of every filter set and every framework whose filters are cleared, so the allocator can honour them. */
  public interface FilterListener {
    void filtered(String frameworkId, String agentId, Instant until);

    void cleared(String frameworkId);
  }

  private FilterListener listener;

  private final String idPrefix;
  private long nextId = 1;
  private final Map<String, Offer> offers = new LinkedHashMap<>();
  private final Map<FilterKey, Instant> filters = new HashMap<>();

  /** @param idPrefix makes offer ids unique across terms, e.g. the master id plus a term counter */
  public OfferBook(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** Replaces the filter listener (one per book). */
  public void filterListener(FilterListener listener) {
    this.listener = listener;
  }

  public Offer create(String frameworkId, String agentId, String hostname, Resources resources,
      List<Attribute> attributes) {
    Offer offer = new Offer(idPrefix + "-O" + nextId++, frameworkId, agentId, hostname, resources, attributes);
    offers.put(offer.id(), offer);
    return offer;
  }

  public Optional<Offer> get(String offerId) {
    return Optional.ofNullable(offers.get(offerId));
  }

  public Collection<Offer> all() {
    return List.copyOf(offers.values());
  }

  /** Sum of the resources currently offered on the agent. */
  public Resources offeredOn(String agentId) {
    Resources sum = Resources.EMPTY;
    for (Offer o : offers.values()) {
      if (o.agentId().equals(agentId)) {
        sum = sum.plus(o.resources());
      }
    }
    return sum;
  }

  /** Removes an offer (accepted, declined or rescinded) and returns it; empty when it was not live. */
  public Optional<Offer> remove(String offerId) {
    return Optional.ofNullable(offers.remove(offerId));
  }

  /**
   * Removes the framework's live offers among {@code offerIds} and filters their agents for {@code refuse}.
   * Returns the offers removed; ids that are unknown or belong to another framework are ignored.
   */
  public List<Offer> decline(String frameworkId, Collection<String> offerIds, Duration refuse, Instant now) {
    List<Offer> removed = new ArrayList<>();
    for (String id : offerIds) {
      Offer o = offers.get(id);
      if (o != null && o.frameworkId().equals(frameworkId)) {
        offers.remove(id);
        removed.add(o);
        filter(frameworkId, o.agentId(), refuse, now);
      }
    }
    return removed;
  }

  /** Offers nothing of the agent to the framework until {@code now + refuse}. A zero duration does nothing. */
  public void filter(String frameworkId, String agentId, Duration refuse, Instant now) {
    if (!refuse.isNegative() && !refuse.isZero()) {
      filters.merge(new FilterKey(frameworkId, agentId), now.plus(refuse), (a, b) -> a.isAfter(b) ? a : b);
      if (listener != null) {
        listener.filtered(frameworkId, agentId, now.plus(refuse));
      }
    }
  }

  public boolean isFiltered(String frameworkId, String agentId, Instant now) {
    Instant until = filters.get(new FilterKey(frameworkId, agentId));
    return until != null && now.isBefore(until);
  }

  /** Forgets expired filters. */
  public void expireFilters(Instant now) {
    filters.values().removeIf(until -> !now.isBefore(until));
  }

  /** REVIVE: the framework's filters are gone. */
  public void clearFilters(String frameworkId) {
    filters.keySet().removeIf(k -> k.frameworkId().equals(frameworkId));
    if (listener != null) {
      listener.cleared(frameworkId);
    }
  }

  /** Removes every offer on the agent (it went away) and returns them, to be rescinded. */
  public List<Offer> removeAgent(String agentId) {
    return removeIf(o -> o.agentId().equals(agentId));
  }

  /** Removes every offer to the framework (it disconnected or was torn down) and returns them. */
  public List<Offer> removeFramework(String frameworkId) {
    return removeIf(o -> o.frameworkId().equals(frameworkId));
  }

  private List<Offer> removeIf(java.util.function.Predicate<Offer> which) {
    List<Offer> removed = new ArrayList<>();
    offers.values().removeIf(o -> {
      if (which.test(o)) {
        removed.add(o);
        return true;
      }
      return false;
    });
    return removed;
  }
}
