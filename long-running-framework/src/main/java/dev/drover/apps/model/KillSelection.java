package dev.drover.apps.model;

/** Which instances go first when an app scales down (Marathon's {@code killSelection}). */
public enum KillSelection {
  YOUNGEST_FIRST,
  OLDEST_FIRST
}
