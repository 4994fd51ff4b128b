package dev.drover.sdk.placement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One placement rule, in Marathon's form {@code [field, OPERATOR, value?]}. Immutable and thread-safe.
 *
 * <p>Fields: {@code hostname} or {@code @hostname} (the agent's hostname), {@code @region} and {@code @zone} (the
 * agent's {@code region} and {@code zone} attributes, where agents publish their fault domain), or any other agent
 * attribute name. A <em>hard</em> constraint must pass for an offer to be used; a <em>soft</em> one only lowers the
 * offer's score (see {@link Verdict#score}).
 *
 * @param field what to look at on the agent
 * @param operator how to judge it
 * @param value the operator's argument: required for LIKE, UNLIKE, MAX_PER and IS; optional for CLUSTER and GROUP_BY
 *     (the minimum number of groups, default 1); ignored for UNIQUE
 * @param soft whether failing only lowers the score instead of excluding the offer
 */
public record Constraint(String field, Operator operator, Optional<String> value, boolean soft) {
  public Constraint {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    value = value == null ? Optional.empty() : value.filter(v -> !v.isEmpty());
    if (field.isBlank()) {
      throw new IllegalArgumentException("constraint field must not be blank");
    }
    switch (operator) {
      case LIKE, UNLIKE -> Pattern.compile(value.orElseThrow(() -> missing(operator)));
      case IS -> value.orElseThrow(() -> missing(operator));
      case MAX_PER -> positiveInt(value.orElseThrow(() -> missing(operator)), operator);
      case GROUP_BY -> value.ifPresent(v -> positiveInt(v, operator));
      default -> { }
    }
  }

  /** A hard constraint. */
  public static Constraint hard(String field, Operator operator, String value) {
    return new Constraint(field, operator, Optional.ofNullable(value), false);
  }

  /** A hard constraint without an argument. */
  public static Constraint hard(String field, Operator operator) {
    return hard(field, operator, null);
  }

  /** A soft constraint (a preference). */
  public static Constraint soft(String field, Operator operator, String value) {
    return new Constraint(field, operator, Optional.ofNullable(value), true);
  }

  /**
   * Parses Marathon's JSON array form, e.g. {@code ["hostname", "UNIQUE"]} or {@code ["rack", "GROUP_BY", "3"]}.
   *
   * @throws IllegalArgumentException when the operator is unknown or an argument is missing or malformed
   */
  public static Constraint parse(List<String> parts) {
    if (parts.size() < 2 || parts.size() > 3) {
      throw new IllegalArgumentException("a constraint is [field, OPERATOR, value?], not " + parts);
    }
    Operator op;
    try {
      op = Operator.valueOf(parts.get(1).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown constraint operator " + parts.get(1), e);
    }
    return new Constraint(parts.get(0), op, Optional.ofNullable(parts.size() == 3 ? parts.get(2) : null), false);
  }

  /** This constraint as a soft one. */
  public Constraint asSoft() {
    return new Constraint(field, operator, value, true);
  }

  @Override
  public String toString() {
    return "[" + field + ", " + operator + value.map(v -> ", " + v).orElse("") + "]" + (soft ? " (soft)" : "");
  }

  private static IllegalArgumentException missing(Operator op) {
    return new IllegalArgumentException(op + " needs a value");
  }

  private static void positiveInt(String v, Operator op) {
    try {
      if (Integer.parseInt(v) < 1) {
        throw new IllegalArgumentException(op + " needs a positive integer, not " + v);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(op + " needs a positive integer, not " + v, e);
    }
  }
}
