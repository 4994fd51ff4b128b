package dev.drover.agent.checkpoint;

import dev.drover.agent.task.TaskKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal's records add up to, per task: its description, its container, its unacknowledged updates
 * (oldest first) and its newest update, all as the codec's bytes. Replaying a journal is applying its records in
 * order; {@link #snapshot} gives the fewest records that rebuild the same state (what compaction writes). An
 * acknowledgement that does not name the oldest unacknowledged update is ignored. Not thread-safe: owned by the
 * journal's writer.
 */
final class CheckpointState {
  /** One task's checkpoint. */
  static final class Entry {
    byte[] spec;
    byte[] runtime;
    final Deque<JournalRecord.Append> pending = new ArrayDeque<>();
    JournalRecord.Append latest;

    Optional<byte[]> spec() {
      return Optional.ofNullable(spec);
    }

    Optional<byte[]> runtime() {
      return Optional.ofNullable(runtime);
    }

    List<byte[]> pending() {
      return pending.stream().map(JournalRecord.Append::bytes).toList();
    }

    Optional<byte[]> latest() {
      return Optional.ofNullable(latest).map(JournalRecord.Append::bytes);
    }
  }

  private final Map<TaskKey, Entry> tasks = new LinkedHashMap<>();

  void apply(JournalRecord r) {
    if (r instanceof JournalRecord.Remove) {
      tasks.remove(r.key());
      return;
    }
    if (r instanceof JournalRecord.Ack a) {
      Entry e = tasks.get(a.key());
      if (e != null && !e.pending.isEmpty() && e.pending.peekFirst().uuid().equals(a.uuid())) {
        e.pending.removeFirst();
      }
      return;
    }
    Entry e = tasks.computeIfAbsent(r.key(), k -> new Entry());
    if (r instanceof JournalRecord.Spec s) {
      e.spec = s.bytes();
    } else if (r instanceof JournalRecord.Runtime s) {
      e.runtime = s.bytes();
    } else if (r instanceof JournalRecord.Append a) {
      e.pending.addLast(a);
      e.latest = a;
    }
  }

  Map<TaskKey, Entry> tasks() {
    return Collections.unmodifiableMap(tasks);
  }

  /** Records that rebuild this state from nothing; the newest update of a task with none pending is re-acked. */
  List<JournalRecord> snapshot() {
    List<JournalRecord> out = new ArrayList<>();
    tasks.forEach((key, e) -> {
      if (e.spec != null) {
        out.add(new JournalRecord.Spec(key, e.spec));
      }
      if (e.runtime != null) {
        out.add(new JournalRecord.Runtime(key, e.runtime));
      }
      if (e.pending.isEmpty() && e.latest != null) {
        out.add(e.latest);
        out.add(new JournalRecord.Ack(key, e.latest.uuid()));
      } else {
        out.addAll(e.pending);
      }
    });
    return out;
  }
}
