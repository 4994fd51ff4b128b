package dev.drover.sdk.placement;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;

/**
 * Ranks the offers that can take a request: higher is better. Implementations must be pure and thread-safe and return
 * a value in [0, 1].
 */
@FunctionalInterface
public interface Fitness {

  /**
   * Scores putting {@code wanted} on {@code offer}.
   *
   * @param offer the candidate offer
   * @param remaining what is left of the offer before this request (earlier requests of the same call took the rest)
   * @param wanted what the request needs
   * @param groupOnAgent how many of the request's group already run or are placed on the offer's agent
   */
  double score(Offer offer, Resources remaining, Resources wanted, int groupOnAgent);

  /** Prefers agents with fewer of the group and more resources left over: spreads load and failure risk. */
  Fitness SPREAD = (offer, remaining, wanted, groupOnAgent) ->
      (1.0 / (1 + groupOnAgent) + freeAfter(offer, remaining, wanted)) / 2;

  /** Prefers offers left fullest: packs tasks tightly so whole agents stay free. */
  Fitness BIN_PACK = (offer, remaining, wanted, groupOnAgent) -> 1 - freeAfter(offer, remaining, wanted);

  /** Takes the first offer that fits (every candidate scores 1). */
  Fitness FIRST_FIT = (offer, remaining, wanted, groupOnAgent) -> 1.0;

  /** The mean of the cpus and mem fractions of the offer left free after taking {@code wanted}, in [0, 1]. */
  static double freeAfter(Offer offer, Resources remaining, Resources wanted) {
    Resources total = offer.resources();
    double cpu = total.cpus() == 0 ? 1 : (remaining.cpus() - wanted.cpus()) / total.cpus();
    double mem = total.mem() == 0 ? 1 : (remaining.mem() - wanted.mem()) / total.mem();
    return Math.max(0, Math.min(1, (cpu + mem) / 2));
  }
}
