package dev.drover.jobs.engine;

import dev.drover.jobs.store.JobRepository;
import dev.drover.sdk.toolkit.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's timers over the injected {@link Timer}: keyed (a new one replaces the old one of the same key), and
 * grouped per instant, so that 1,000 runs due at one tick take one timer task, not 1,000. Every task runs guarded:
 * a lost write race goes to the fenced handler, any other failure is logged and the loop goes on. Not thread-safe:
 * part of the engine loop (the timer must run its tasks on the loop's thread).
 */
final class Timers {
  private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

  private final Timer timer;
  private final Map<String, Timer.Cancellable> byKey = new HashMap<>();
  private final Map<String, List<Runnable>> groups = new HashMap<>();
  private Runnable onFenced = () -> {};

  Timers(Timer timer) {
    this.timer = timer;
  }

  void onFenced(Runnable r) {
    onFenced = r;
  }

  Instant now() {
    return timer.now();
  }

  void schedule(String key, Instant at, Runnable task) {
    cancel(key);
    Duration d = Duration.between(now(), at);
    byKey.put(key, timer.schedule(d.isNegative() ? Duration.ZERO : d, () -> {
      byKey.remove(key);
      guarded(task);
    }));
  }

  void cancel(String key) {
    Timer.Cancellable c = byKey.remove(key);
    if (c != null) {
      c.cancel();
    }
  }

  void cancelAll() {
    byKey.values().forEach(Timer.Cancellable::cancel);
    byKey.clear();
    groups.clear();
  }

  /**
   * Runs {@code action} at {@code at} together with every other action of the same {@code kind} due then, each
   * guarded on its own; a large group logs how late it began and how long it took ({@code detail} adds context).
   */
  void inGroup(String kind, Instant at, Runnable action, Supplier<String> detail) {
    String groupKey = kind + "@" + at;
    List<Runnable> group = groups.get(groupKey);
    if (group == null) {
      List<Runnable> g = new ArrayList<>();
      groups.put(groupKey, g);
      schedule(groupKey, at, () -> {
        groups.remove(groupKey);
        Instant began = now();
        g.forEach(this::guarded);
        if (g.size() >= 50) {
          LOG.info("{} {} runs due at {}: began {} ms late, took {} ms; {}", kind, g.size(), at,
              Duration.between(at, began).toMillis(), Duration.between(began, now()).toMillis(), detail.get());
        }
      });
      group = g;
    }
    group.add(action);
  }

  /** Runs {@code task}, turning a lost write race into the fenced handler and any other failure into a log line. */
  void guarded(Runnable task) {
    try {
      task.run();
    } catch (JobRepository.Fenced e) {
      LOG.error("{}; stopping", e.getMessage());
      onFenced.run();
    } catch (RuntimeException e) {
      LOG.error("jobs engine step failed; state unchanged", e);
    }
  }
}
