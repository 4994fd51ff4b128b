package dev.drover.security.authz;

import dev.drover.security.authn.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the ACLs, if any, and logs every denial at WARN with the principal, action, object and deciding rule. Without
 * an ACL file everything an authenticated principal asks is allowed. Immutable and thread-safe.
 */
public final class Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

  private final Optional<Acls> acls;

  public Authorizer(Optional<Acls> acls) {
    this.acls = acls;
  }

  /** No ACLs: allows everything. */
  public static Authorizer allowAll() {
    return new Authorizer(Optional.empty());
  }

  public boolean enabled() {
    return acls.isPresent();
  }

  /** Decides, logging a denial. */
  public Decision check(Principal principal, Action action, String object) {
    if (acls.isEmpty()) {
      return Decision.NO_ACLS;
    }
    Decision d = acls.get().decide(principal.name(), action, object);
    if (!d.allowed()) {
      LOG.warn("Denied: principal '{}' may not {} on '{}' ({})", principal.name(), action.wireName(), object,
          d.describe());
    }
    return d;
  }

  /** The message a denial carries to the caller. */
  public static String denialMessage(Principal principal, Action action, String object, Decision d) {
    return "principal '" + principal.name() + "' may not " + action.wireName() + " on '" + object + "': denied by "
        + d.describe();
  }
}
