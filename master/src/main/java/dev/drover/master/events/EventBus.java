package dev.drover.master.events;

import dev.drover.master.state.StateSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans operator events out to subscribers (the SSE streams). The master's loop calls {@link #published} after every
 * command; diffs are only computed while someone listens. Subscribers are called on the loop and must not block.
 * Thread-safe.
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final String masterId;
  private final List<Consumer<ClusterEvent>> subscribers = new CopyOnWriteArrayList<>();

  public EventBus(String masterId) {
    this.masterId = masterId;
  }

  /** Adds a subscriber; run the returned handle to remove it. */
  public Runnable subscribe(Consumer<ClusterEvent> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  public void published(StateSnapshot before, StateSnapshot after) {
    if (subscribers.isEmpty() || before == after) {
      return;
    }
    List<ClusterEvent> events = SnapshotDiff.diff(before, after, masterId);
    for (ClusterEvent e : events) {
      for (Consumer<ClusterEvent> s : subscribers) {
        try {
          s.accept(e);
        } catch (RuntimeException ex) {
          LOG.warn("An event subscriber failed; removing it: {}", ex.toString());
          subscribers.remove(s);
        }
      }
    }
  }
}
