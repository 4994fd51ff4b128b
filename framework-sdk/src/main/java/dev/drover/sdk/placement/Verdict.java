package dev.drover.sdk.placement;

/**
 * The result of judging one constraint against one candidate agent. Immutable.
 *
 * @param pass whether the constraint holds
 * @param score 1 when it holds; for a failure, how close it came, in [0, 1) (GROUP_BY and MAX_PER grade, the others
 *     give 0). Only soft constraints use the score.
 * @param reason why it failed, naming the constraint and the value seen; empty when it passed
 */
public record Verdict(boolean pass, double score, String reason) {
  static final Verdict PASS = new Verdict(true, 1.0, "");

  static Verdict fail(Constraint c, String why) {
    return new Verdict(false, 0.0, "constraint " + c + " failed: " + why);
  }

  static Verdict fail(Constraint c, double score, String why) {
    return new Verdict(false, Math.max(0, Math.min(score, 0.999)), "constraint " + c + " failed: " + why);
  }
}
