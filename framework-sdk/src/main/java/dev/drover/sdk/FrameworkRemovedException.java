package dev.drover.sdk;

import java.util.Locale;

/**
 * Completes {@link SchedulerDriver#terminated()} when the master reports that the framework was torn down or is not
 * known to it: the framework id cannot be used again, so the driver stopped instead of reconnecting.
 */
public final class FrameworkRemovedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FrameworkRemovedException(String message) {
    super(message);
  }

  /** Whether a master's ERROR message says the framework was torn down or is unknown (so it cannot resubscribe). */
  static boolean isRemoval(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("torn down") || m.contains("teardown") || m.contains("unknown framework")
        || m.contains("framework removed") || m.contains("removed framework") || m.contains("completed framework");
  }
}
