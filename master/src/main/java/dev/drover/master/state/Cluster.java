package dev.drover.master.state;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the leading master knows in one term: agents, frameworks, tasks and offers. Not thread-safe: owned by
 * the master's serial loop, and thrown away when leadership is lost.
 */
public final class Cluster {
  private final Map<String, AgentEntry> agents = new LinkedHashMap<>();
  private final Map<String, FrameworkEntry> frameworks = new LinkedHashMap<>();
  private final Map<TaskKey, TaskEntry> tasks = new LinkedHashMap<>();
  // Indexes over `tasks`, so per-agent and per-framework questions cost that agent's or framework's tasks, not all.
  private final Map<String, Map<TaskKey, TaskEntry>> tasksByAgent = new HashMap<>();
  private final Map<String, Map<TaskKey, TaskEntry>> tasksByFramework = new HashMap<>();
  private final Map<AgentChannel, String> agentByChannel = new IdentityHashMap<>();
  private final Map<FrameworkChannel, String> frameworkByChannel = new IdentityHashMap<>();
  private final Set<String> tornDown = new HashSet<>();
  private final OfferBook offers;
  private final Consumer<TaskStatus> statusSeen;

  public Cluster(OfferBook offers) {
    this(offers, s -> { });
  }

  /** @param statusSeen told of every status a task takes (put or changed), on the loop; must be cheap */
  public Cluster(OfferBook offers, Consumer<TaskStatus> statusSeen) {
    this.offers = offers;
    this.statusSeen = statusSeen;
  }

  public OfferBook offers() {
    return offers;
  }

  // Agents

  public Optional<AgentEntry> agent(String id) {
    return Optional.ofNullable(agents.get(id));
  }

  public Optional<AgentEntry> agentOf(AgentChannel channel) {
    return Optional.ofNullable(agentByChannel.get(channel)).map(agents::get);
  }

  public Collection<AgentEntry> agents() {
    return agents.values();
  }

  /** Admits the agent or re-attaches it to a new stream; returns the previous stream, if any. */
  public Optional<AgentChannel> connectAgent(String id, AgentDescriptor info, AgentChannel channel) {
    AgentEntry a = agents.computeIfAbsent(id, k -> new AgentEntry(k, info, null));
    AgentChannel previous = a.channel;
    if (previous != null) {
      agentByChannel.remove(previous);
    }
    a.info = info;
    a.channel = channel;
    a.state = AgentState.ACTIVE;
    a.resetPings();
    agentByChannel.put(channel, id);
    return Optional.ofNullable(previous);
  }

  /** Adds an agent read from the registry after a failover: known, not connected, expected to re-register. */
  public AgentEntry recoverAgent(String id, AgentDescriptor info) {
    AgentEntry a = agents.computeIfAbsent(id, k -> new AgentEntry(k, info, null));
    a.state = AgentState.RECOVERING;
    return a;
  }

  /** Marks the agent of this stream disconnected; empty when the stream was not (or no longer) an agent's. */
  public Optional<AgentEntry> disconnectAgent(AgentChannel channel) {
    String id = agentByChannel.remove(channel);
    AgentEntry a = id == null ? null : agents.get(id);
    if (a != null) {
      a.channel = null;
      if (a.state == AgentState.ACTIVE) {
        a.state = AgentState.DISCONNECTED;
      }
    }
    return Optional.ofNullable(a);
  }

  /** Ends the agent's stream binding without failing it (the caller fails or closes the stream). */
  public void unbindAgent(AgentEntry agent) {
    if (agent.channel != null) {
      agentByChannel.remove(agent.channel);
      agent.channel = null;
    }
  }

  /** Resources of the agent's non-terminal tasks. */
  public Resources usedOn(String agentId) {
    Resources used = Resources.EMPTY;
    for (TaskEntry t : tasksByAgent.getOrDefault(agentId, Map.of()).values()) {
      if (!t.state().isTerminal()) {
        used = used.plus(t.resources);
      }
    }
    return used;
  }

  /** What can still be offered: total − used − offered. */
  public Resources available(AgentEntry agent) {
    return agent.info.resources().minus(usedOn(agent.id)).minus(offers.offeredOn(agent.id));
  }

  // Frameworks

  public Optional<FrameworkEntry> framework(String id) {
    return Optional.ofNullable(frameworks.get(id));
  }

  public Optional<String> frameworkIdOf(FrameworkChannel channel) {
    return Optional.ofNullable(frameworkByChannel.get(channel));
  }

  public Collection<FrameworkEntry> frameworks() {
    return frameworks.values();
  }

  /** Subscribes the framework on a stream; returns the stream it replaces, if any. */
  public Optional<FrameworkChannel> connectFramework(String id, FrameworkDescriptor info, FrameworkChannel channel) {
    tornDown.remove(id);
    FrameworkEntry f = frameworks.computeIfAbsent(id, k -> new FrameworkEntry(k, info, null));
    FrameworkChannel previous = f.channel;
    if (previous != null) {
      frameworkByChannel.remove(previous);
    }
    f.info = info;
    f.channel = channel;
    f.disconnectedAt = null;
    frameworkByChannel.put(channel, id);
    return Optional.ofNullable(previous);
  }

  /** Adds a framework read from the registry after a failover: known, not connected since {@code since}. */
  public FrameworkEntry recoverFramework(String id, FrameworkDescriptor info, java.time.Instant since) {
    FrameworkEntry f = frameworks.computeIfAbsent(id, k -> new FrameworkEntry(k, info, null));
    f.disconnectedAt = since;
    return f;
  }

  public Optional<FrameworkEntry> disconnectFramework(FrameworkChannel channel) {
    String id = frameworkByChannel.remove(channel);
    FrameworkEntry f = id == null ? null : frameworks.get(id);
    if (f != null) {
      f.channel = null;
    }
    return Optional.ofNullable(f);
  }

  /** Forgets the framework and its tasks; later updates for them are acknowledged and dropped. */
  public void removeFramework(String id) {
    FrameworkEntry f = frameworks.remove(id);
    if (f != null && f.channel != null) {
      frameworkByChannel.remove(f.channel);
    }
    tasks.keySet().removeIf(k -> k.frameworkId().equals(id));
    tornDown.add(id);
  }

  public boolean isTornDown(String frameworkId) {
    return tornDown.contains(frameworkId);
  }

  // Tasks

  public Optional<TaskEntry> task(TaskKey key) {
    return Optional.ofNullable(tasks.get(key));
  }

  public Collection<TaskEntry> tasks() {
    return tasks.values();
  }

  public List<TaskEntry> tasksOf(String frameworkId) {
    return new ArrayList<>(tasksByFramework.getOrDefault(frameworkId, Map.of()).values());
  }

  /** The tasks, live or ended, that the master knows on one agent. */
  public List<TaskEntry> tasksOn(String agentId) {
    return new ArrayList<>(tasksByAgent.getOrDefault(agentId, Map.of()).values());
  }

  public TaskEntry putTask(TaskKey key, String agentId, String name, Resources resources, TaskStatus status) {
    TaskEntry t = new TaskEntry(key, agentId, name, resources, status, statusSeen);
    statusSeen.accept(status);
    TaskEntry old = tasks.put(key, t);
    if (old != null) {
      tasksByAgent.getOrDefault(old.agentId, new HashMap<>()).remove(key);
    }
    tasksByAgent.computeIfAbsent(agentId, k -> new LinkedHashMap<>()).put(key, t);
    tasksByFramework.computeIfAbsent(key.frameworkId(), k -> new LinkedHashMap<>()).put(key, t);
    return t;
  }

  /** Every agent stream this term holds. */
  public List<AgentChannel> agentChannels() {
    return new ArrayList<>(agentByChannel.keySet());
  }

  /** Every framework stream this term holds. */
  public List<FrameworkChannel> frameworkChannels() {
    return new ArrayList<>(frameworkByChannel.keySet());
  }

  /** Sends a status to the framework if it is connected; returns whether it was sent. */
  public boolean notifyFramework(TaskStatus status) {
    FrameworkEntry f = frameworks.get(status.frameworkId());
    if (f == null || f.channel == null) {
      return false;
    }
    f.channel.update(status);
    return true;
  }
}
