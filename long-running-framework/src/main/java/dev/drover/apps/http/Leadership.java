package dev.drover.apps.http;

import dev.drover.zk.LeaderInfo;
import java.util.Optional;

/** What the HTTP layer needs to know about leader election. Implementations are thread-safe. */
public interface Leadership {
  /** Whether this instance leads and may serve. */
  boolean isLeader();

  /** The current leader's record, if one is published. */
  Optional<LeaderInfo> leader();

  /** Gives up leadership (another instance takes over); a no-op when not leading. */
  void abdicate();
}
