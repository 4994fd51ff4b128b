package dev.drover.apps.engine;

/** Which instances go first when an app scales down (Marathon's {@code killSelection}). */
public enum KillSelection {
  /** The most recently started instances are killed first (Marathon's default). */
  YOUNGEST_FIRST,
  /** The longest-running instances are killed first. */
  OLDEST_FIRST
}
