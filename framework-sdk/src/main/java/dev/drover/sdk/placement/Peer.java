package dev.drover.sdk.placement;

import java.util.Map;
import java.util.Objects;

/**
 * An instance of any group, as {@link Operator#COLOCATE} and {@link Operator#SEPARATE} see it: where it runs and what
 * selects it (its group id for the field {@code app}, its labels for {@code label:<key>}). Immutable.
 *
 * @param agentId the agent it runs on
 * @param group its group (e.g. app id)
 * @param labels its labels
 */
public record Peer(String agentId, String group, Map<String, String> labels) {
  public Peer {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(group, "group");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** Whether {@code c} (a COLOCATE or SEPARATE constraint) selects this peer. */
  public boolean selectedBy(Constraint c) {
    String want = c.value().orElse("");
    if (c.field().equals(Constraint.APP_FIELD)) {
      return group.equals(want);
    }
    if (c.field().startsWith(Constraint.LABEL_PREFIX)) {
      return want.equals(labels.get(c.field().substring(Constraint.LABEL_PREFIX.length())));
    }
    return false;
  }
}
