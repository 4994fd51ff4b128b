package dev.drover.agent;

import java.util.Locale;

/** What a restarted agent does with the tasks an earlier run left behind ({@code --recover}). */
public enum RecoverMode {
  /** Re-attach to live containers and processes; keep them running. The default. */
  RECONNECT,
  /** Kill every container and process found; report them KILLED with reason AGENT_RESTARTED. */
  CLEANUP;

  /** {@code reconnect} or {@code cleanup}, case-insensitive. */
  public static RecoverMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--recover must be reconnect or cleanup, not '" + text + "'");
    }
  }
}
