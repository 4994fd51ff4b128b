package dev.drover.master.state;

import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;

/** A subscribed framework. Mutable; owned by the master's serial loop. */
public final class FrameworkEntry {
  final String id;
  FrameworkDescriptor info;
  FrameworkChannel channel;  // null when disconnected
  boolean suppressed;
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

  public boolean suppressed() {
    return suppressed;
  }

  public void suppressed(boolean suppressed) {
    this.suppressed = suppressed;
  }
}
