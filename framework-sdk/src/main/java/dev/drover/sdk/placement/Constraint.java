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
 * <p>Drover extensions ({@link Operator#GLOBAL}, {@link Operator#COLOCATE}, {@link Operator#SEPARATE}) keep the
 * array shape: {@code ["hostname", "GLOBAL"]}, {@code ["app", "COLOCATE", "/prod/db"]},
 * {@code ["label:tier", "SEPARATE", "db"]}. Any constraint becomes a preference with a fourth element
 * {@code "soft"}: {@code ["rack", "GROUP_BY", "3", "soft"]}, {@code ["hostname", "UNIQUE", "", "soft"]} (an empty
 * value stands for none).
 *
 * @param field what to look at on the agent
 * @param operator how to judge it
 * @param value the operator's argument: required for LIKE, UNLIKE, MAX_PER and IS; optional for CLUSTER and GROUP_BY
 *     (the minimum number of groups, default 1); ignored for UNIQUE
 * @param soft whether failing only lowers the score instead of excluding the offer
 */
public record Constraint(String field, Operator operator, Optional<String> value, boolean soft) {
  /** The field naming another group (app) for COLOCATE and SEPARATE. */
  public static final String APP_FIELD = "app";
  /** The field prefix naming a label key for COLOCATE and SEPARATE, e.g. {@code label:tier}. */
  public static final String LABEL_PREFIX = "label:";
  /** The fourth element that makes a parsed constraint soft. */
  public static final String SOFT = "soft";

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
      case COLOCATE, SEPARATE -> {
        value.orElseThrow(() -> missing(operator));
        if (!field.equals(APP_FIELD) && !field.startsWith(LABEL_PREFIX)) {
          throw new IllegalArgumentException(operator + " needs the field \"app\" or \"label:<key>\", not " + field);
        }
      }
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
   * Parses Marathon's JSON array form, e.g. {@code ["hostname", "UNIQUE"]} or {@code ["rack", "GROUP_BY", "3"]},
   * plus Drover's: the extension operators and a fourth element {@code "soft"} (see the class comment).
   *
   * @throws IllegalArgumentException when the operator is unknown, an argument is missing or malformed, or a fourth
   *     element is not {@code "soft"}
   */
  public static Constraint parse(List<String> parts) {
    if (parts.size() < 2 || parts.size() > 4) {
      throw new IllegalArgumentException("a constraint is [field, OPERATOR, value?, \"soft\"?], not " + parts);
    }
    boolean soft = false;
    if (parts.size() == 4) {
      if (!SOFT.equalsIgnoreCase(parts.get(3))) {
        throw new IllegalArgumentException("a constraint's fourth element can only be \"soft\", not " + parts.get(3));
      }
      soft = true;
    }
    Operator op;
    try {
      op = Operator.valueOf(parts.get(1).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown constraint operator " + parts.get(1), e);
    }
    return new Constraint(parts.get(0), op, Optional.ofNullable(parts.size() >= 3 ? parts.get(2) : null), soft);
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
