package dev.drover.master.task;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The states each task passed through while this master led, with the time each was seen: the master records every
 * status it accepts (from agents, its own LOST/UNREACHABLE/GONE, launches), from its election on. Bounded: the last
 * {@link #PER_TASK} states of the last {@link #TASKS} tasks updated. History kept by another master (before a
 * failover) is not known here. Written by the master's loop, read by HTTP; thread-safe.
 */
public final class TaskHistory {
  public static final int TASKS = 10_000;
  public static final int PER_TASK = 32;

  /** One state a task was seen in ({@code TASK_RUNNING}...), on which agent, and when. */
  public record Entry(String state, String agentId, Instant time) {}

  private final Clock clock;
  private final Map<String, List<Entry>> byTask = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Entry>> eldest) {
      return size() > TASKS;
    }
  };

  public TaskHistory(Clock clock) {
    this.clock = clock;
  }

  /** Records a status the master accepted; a repeat of the task's latest state is not recorded again. */
  public void record(TaskStatus status) {
    record(status.frameworkId(), status.taskId(), "TASK_" + status.state().name(), status.agentId());
  }

  /** Records that the task was seen in {@code state} on {@code agentId} now. */
  public void record(String frameworkId, String taskId, String state, String agentId) {
    String key = frameworkId + "/" + taskId;
    Entry entry = new Entry(state, agentId, clock.instant());
    synchronized (byTask) {
      List<Entry> list = byTask.computeIfAbsent(key, k -> new ArrayList<>(4));
      if (!list.isEmpty() && list.get(list.size() - 1).state().equals(entry.state())) {
        return;
      }
      list.add(entry);
      if (list.size() > PER_TASK) {
        list.remove(0);
      }
    }
  }

  /** The states seen for a task, oldest first; empty when none was seen. */
  public List<Entry> of(String frameworkId, String taskId) {
    synchronized (byTask) {
      List<Entry> list = byTask.get(frameworkId + "/" + taskId);
      return list == null ? List.of() : List.copyOf(list);
    }
  }
}
