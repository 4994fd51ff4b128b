package dev.drover.master.registry;

/**
 * A registry write refused because this master no longer holds the leadership it was elected with (its election
 * node is gone: its ZooKeeper session expired, or another master leads). The write changed nothing; the master must
 * stop acting as leader.
 */
public final class FencedException extends IllegalStateException {
  public FencedException(String message) {
    super(message);
  }
}
