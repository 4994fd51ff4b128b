package dev.drover.security.authz;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.drover.security.config.ConfigFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * An ordered list of {@link AclRule}s: the first rule that matches decides; when none does, {@code permissive}
 * does (false unless the file says so). The file:
 *
 * <pre>
 * permissive: false
 * rules:
 *   - {principals: [ops], action: drain_agent}
 *   - {principals: [apps], action: register_framework, objects: [web, "*"]}
 *   - {principals: ["*"], action: use_privileged, allow: false}
 * </pre>
 *
 * Immutable and thread-safe.
 */
public record Acls(@JsonProperty("permissive") Boolean permissive, @JsonProperty("rules") List<AclRule> rules) {
  public Acls {
    permissive = permissive != null && permissive;
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /** Reads an ACL file (YAML or JSON); fails naming the file and the problem. */
  public static Acls load(Path file) {
    return ConfigFiles.read(file, Acls.class);
  }

  /** Decides whether {@code principal} may do {@code action} on {@code object}. Pure. */
  public Decision decide(String principal, Action action, String object) {
    for (int i = 0; i < rules.size(); i++) {
      AclRule r = rules.get(i);
      if (r.matches(principal, action, object)) {
        return new Decision(r.allow(), i, r.text());
      }
    }
    return new Decision(permissive, -1, "no rule matched and permissive is " + permissive);
  }
}
