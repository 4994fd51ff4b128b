package dev.drover.security.authz;

/**
 * The answer to one authorization question.
 *
 * @param allowed whether the request may go ahead
 * @param ruleIndex the index of the rule that decided, or -1 when no rule matched and the default decided
 * @param ruleText the rule as it reads, or a sentence naming the default
 */
public record Decision(boolean allowed, int ruleIndex, String ruleText) {
  /** Allowed because authorization is off (no ACL file). */
  public static final Decision NO_ACLS = new Decision(true, -1, "no ACLs configured");

  /** Which rule decided, for messages: {@code rule #2 {principals: ...}} or the default. */
  public String describe() {
    return ruleIndex < 0 ? ruleText : "rule #" + ruleIndex + " " + ruleText;
  }
}
