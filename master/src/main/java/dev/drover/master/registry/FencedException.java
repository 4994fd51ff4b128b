package dev.drover.master.registry;

/**
 * A registry write refused because this master no longer holds the leadership it was elected with (its election
 * node is gone: its ZooKeeper session expired, or another master leads). The write changed nothing; the master must
 * stop acting as leader.
 */
public final class FencedException extends IllegalStateException {
  private final String fence;

  /** @param fence the election node the write was checked against; null when the store had none (not leading) */
  public FencedException(String message, String fence) {
    super(message);
    this.fence = fence;
  }

  /** The election node the refused write was checked against, or null when this master held no leadership. */
  public String fence() {
    return fence;
  }
}
