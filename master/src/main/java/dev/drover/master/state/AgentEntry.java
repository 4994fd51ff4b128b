package dev.drover.master.state;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;

/** An admitted agent. Mutable; owned by the master's serial loop. */
public final class AgentEntry {
  final String id;
  AgentDescriptor info;
  AgentChannel channel;  // null when disconnected
  long pingSequence;
  long lastPong;
  AgentState state = AgentState.ACTIVE;

  AgentEntry(String id, AgentDescriptor info, AgentChannel channel) {
    this.id = id;
    this.info = info;
    this.channel = channel;
  }

  public String id() {
    return id;
  }

  public AgentDescriptor info() {
    return info;
  }

  public void info(AgentDescriptor info) {
    this.info = info;
  }

  public AgentChannel channel() {
    return channel;
  }

  public boolean connected() {
    return channel != null;
  }

  public long nextPingSequence() {
    return ++pingSequence;
  }

  public void pong(long sequence) {
    lastPong = Math.max(lastPong, sequence);
  }

  /** Ping rounds since the last pong (a disconnected agent misses every round). */
  public long missedPings() {
    return pingSequence - lastPong;
  }

  /** Forgets missed pings, e.g. when the agent (re-)registers. */
  public void resetPings() {
    lastPong = pingSequence;
  }

  public AgentState state() {
    return state;
  }

  public void state(AgentState state) {
    this.state = state;
  }
}
