package dev.drover.security.authz;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One ACL rule: whether {@code principals} may do {@code action} on {@code objects}. A list entry {@code "*"}
 * matches anything; an entry ending in {@code *} matches by prefix ({@code "/v2/apps/team-a/*"}); anything else
 * matches exactly. {@code allow} defaults to true. Immutable.
 */
public record AclRule(@JsonProperty("principals") List<String> principals, @JsonProperty("action") Action action,
    @JsonProperty("objects") List<String> objects, @JsonProperty("allow") Boolean allow) {
  public AclRule {
    Objects.requireNonNull(action, "action");
    principals = principals == null || principals.isEmpty() ? List.of("*") : List.copyOf(principals);
    objects = objects == null || objects.isEmpty() ? List.of("*") : List.copyOf(objects);
    allow = allow == null ? Boolean.TRUE : allow;
  }

  /** Whether this rule speaks about this request. */
  public boolean matches(String principal, Action a, String object) {
    return action == a && anyMatch(principals, principal) && anyMatch(objects, object);
  }

  private static boolean anyMatch(List<String> patterns, String value) {
    for (String p : patterns) {
      if (p.equals("*") || p.equals(value) || (p.endsWith("*") && value.startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** The rule as it reads in a file, for denial messages. */
  public String text() {
    return "{principals: " + principals + ", action: " + action.wireName() + ", objects: " + objects + ", allow: "
        + allow + "}";
  }
}
