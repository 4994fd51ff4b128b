package dev.drover.master.http;

import dev.drover.master.events.ClusterEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The states each task passed through while this master watched, from the operator events (TASK_UPDATED), with the
 * time each was seen. Bounded: the last {@link #PER_TASK} states of the last {@link #TASKS} tasks updated. History
 * kept by another master (before a failover) is not known here. Written by the event bus's thread, read by HTTP;
 * thread-safe.
 */
public final class TaskHistory {
  static final int TASKS = 10_000;
  static final int PER_TASK = 32;

  /** One state a task was seen in, and when. */
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

  /** Records a TASK_UPDATED event; other events are ignored. */
  public void accept(ClusterEvent e) {
    if (!"TASK_UPDATED".equals(e.type())) {
      return;
    }
    String key = e.data().get("frameworkId") + "/" + e.data().get("taskId");
    Entry entry = new Entry(String.valueOf(e.data().get("state")), String.valueOf(e.data().get("agentId")),
        clock.instant());
    synchronized (byTask) {
      List<Entry> list = byTask.computeIfAbsent(key, k -> new ArrayList<>());
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
