package dev.drover.agent.resources;

import java.util.Objects;

/**
 * A fact about the agent used by placement constraints, e.g. {@code rack:r1} (text) or {@code level:3} (scalar).
 * Exactly one of {@code text} and {@code scalar} is meaningful, as {@code scalar()} being non-null says.
 */
public record AgentAttribute(String name, String text, Double scalar) {
  public AgentAttribute {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attribute name must not be blank");
    }
  }

  public static AgentAttribute text(String name, String value) {
    return new AgentAttribute(name, value, null);
  }

  public static AgentAttribute scalar(String name, double value) {
    return new AgentAttribute(name, null, value);
  }

  public boolean isScalar() {
    return scalar != null;
  }

  /** The value as written: the text, or the number without a needless {@code .0}. */
  public String value() {
    if (!isScalar()) {
      return text;
    }
    return scalar == Math.rint(scalar) && !Double.isInfinite(scalar)
        ? Long.toString(scalar.longValue()) : scalar.toString();
  }
}
