package dev.drover.security.grpc;

import dev.drover.security.authn.Principal;
import java.util.Optional;

/**
 * Decides, message by message, whether one stream's caller may go on. One instance per stream, called from the
 * stream's serialised listener callbacks, so it may keep per-stream state without locks.
 */
interface CallRules<Q> {
  /** Empty to let {@code message} through; otherwise why it is denied (sent as PERMISSION_DENIED). */
  Optional<String> check(Principal principal, Q message);
}
