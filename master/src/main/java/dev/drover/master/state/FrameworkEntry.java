package dev.drover.master.state;

import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** A subscribed framework. Mutable; owned by the master's serial loop. */
public final class FrameworkEntry {
  final String id;
  FrameworkDescriptor info;
  FrameworkChannel channel;  // null when disconnected
  private final Set<String> suppressedRoles = new HashSet<>();
  java.time.Instant disconnectedAt;  // null while connected

  FrameworkEntry(String id, FrameworkDescriptor info, FrameworkChannel channel) {
    this.id = id;
    this.info = info;
    this.channel = channel;
  }

  public String id() {
    return id;
  }

  public FrameworkDescriptor info() {
    return info;
  }

  public void info(FrameworkDescriptor info) {
    this.info = info;
  }

  public FrameworkChannel channel() {
    return channel;
  }

  public boolean connected() {
    return channel != null;
  }

  /** When the framework lost its stream (or the master that knew it failed over); null while connected. */
  public java.time.Instant disconnectedAt() {
    return disconnectedAt;
  }

  public void disconnectedAt(java.time.Instant at) {
    this.disconnectedAt = at;
  }

  /** The roles the framework gets no offers for (SUPPRESS); a read-only view. */
  public Set<String> suppressedRoles() {
    return Collections.unmodifiableSet(suppressedRoles);
  }

  /** SUBSCRIBE: the framework starts suppressed in exactly these roles. */
  public void suppressedRoles(Collection<String> roles) {
    suppressedRoles.clear();
    suppressedRoles.addAll(roles);
  }

  /** SUPPRESS of these roles; empty: all the roles the framework has now. */
  public void suppress(Collection<String> roles) {
    suppressedRoles.addAll(roles.isEmpty() ? info.roles() : roles);
  }

  /** REVIVE of these roles; empty: all. */
  public void revive(Collection<String> roles) {
    if (roles.isEmpty()) {
      suppressedRoles.clear();
    } else {
      suppressedRoles.removeAll(roles);
    }
  }
}
