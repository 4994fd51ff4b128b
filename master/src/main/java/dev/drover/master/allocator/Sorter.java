package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.List;
import java.util.function.Predicate;

/**
 * Orders the clients of one level of the allocator (roles, or the frameworks inside one role) by how much they
 * should get next, as Mesos' {@code sorter.hpp} does. The hierarchical allocator uses one sorter over roles and one
 * per role over that role's frameworks.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe: every call comes from the master's serial loop (or one test thread).
 *   <li>A client is {@link #add added} before any other call names it; calls naming an unknown client are ignored,
 *       except {@link #add}, which is idempotent.
 *   <li>A newly added client is active with weight 1 and nothing allocated. Inactive clients keep their allocation
 *       but are left out of {@link #sort} and {@link #visit}.
 *   <li>{@link #allocated} and {@link #unallocated} must balance: a client is never unallocated more than it holds.
 *   <li>The order is deterministic for a given history of calls (a random sorter is seeded).
 *   <li>{@link #visit} must not be interleaved with mutations of the same sorter: stop the visit, then mutate.
 * </ul>
 */
public interface Sorter {
  /** Adds an active client with weight 1 and nothing allocated; does nothing when it is already present. */
  void add(String client);

  /** Forgets the client and its allocation. */
  void remove(String client);

  /** Puts the client back into the order. */
  void activate(String client);

  /** Leaves the client out of the order; its allocation still counts. */
  void deactivate(String client);

  /** Sets the client's weight (positive); a larger weight means a larger fair share. */
  void weight(String client, double weight);

  /** The client was given {@code resources} on the agent. */
  void allocated(String client, String agentId, Resources resources);

  /** The client gave {@code resources} on the agent back. */
  void unallocated(String client, String agentId, Resources resources);

  /** Whether the client is present (active or not). */
  boolean contains(String client);

  /** Active clients, the one that should be served first first. A copy. */
  List<String> sort();

  /**
   * Walks the active clients in {@link #sort} order without copying, until {@code visitor} returns false. Cheaper
   * than {@link #sort} when the first few clients are usually enough.
   */
  void visit(Predicate<String> visitor);
}
