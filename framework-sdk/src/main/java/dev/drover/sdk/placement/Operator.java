package dev.drover.sdk.placement;

/**
 * Marathon's constraint operators, with Marathon's meaning. "Value" is the field's value on the candidate agent
 * ({@link Constraint#field}); "instances" are the group's instances already placed.
 */
public enum Operator {
  /** No two instances share a value. */
  UNIQUE,
  /** Every instance has the given value, or (without one) the value of the instances already placed. */
  CLUSTER,
  /**
   * Spread evenly over the values: the candidate's value has no more instances than the least used value seen. The
   * optional value is how many distinct values to expect (default 1): until that many are seen, only unseen values
   * pass.
   */
  GROUP_BY,
  /** The value fully matches the regular expression. */
  LIKE,
  /** The value does not fully match the regular expression (an agent without the attribute passes). */
  UNLIKE,
  /** At most the given number of instances per value. */
  MAX_PER,
  /** The value equals the given string. */
  IS,
  /**
   * Drover extension (fleet's Global): one instance on every agent that passes the group's other hard constraints.
   * Judged as "no instance of the group on this agent yet"; the field is ignored ({@code ["hostname", "GLOBAL"]}).
   * The framework decides how many instances that makes.
   */
  GLOBAL,
  /**
   * Drover extension (fleet's MachineOf): the agent must already run an instance of another group that the field
   * and value select: field {@code app} with a group (app) id as value, or {@code label:<key>} with a label value.
   * See {@link Peer}.
   */
  COLOCATE,
  /**
   * Drover extension (fleet's Conflicts): the agent must not run an instance of another group that the field and
   * value select (as for {@link #COLOCATE}).
   */
  SEPARATE
}
