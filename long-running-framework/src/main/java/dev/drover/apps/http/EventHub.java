package dev.drover.apps.http;

import dev.drover.apps.runtime.AppEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans events out to the SSE streams open now. Thread-safe; a listener must not block. */
public final class EventHub implements Consumer<AppEvent> {
  private final CopyOnWriteArrayList<Consumer<AppEvent>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void accept(AppEvent event) {
    listeners.forEach(l -> l.accept(event));
  }

  /** Adds {@code listener}; run the result to remove it. */
  public Runnable subscribe(Consumer<AppEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  int listeners() {
    return listeners.size();
  }
}
