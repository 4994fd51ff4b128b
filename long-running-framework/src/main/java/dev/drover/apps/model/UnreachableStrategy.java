package dev.drover.apps.model;

/**
 * When an unreachable instance is replaced ({@code inactiveAfterSeconds}, default 0) and when it is forgotten and
 * killed should it come back ({@code expungeAfterSeconds}, default 0): Marathon 1.5+'s defaults (1.4 used 300/600).
 */
public record UnreachableStrategy(Long inactiveAfterSeconds, Long expungeAfterSeconds) {
  public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(0L, 0L);

  public UnreachableStrategy {
    inactiveAfterSeconds = inactiveAfterSeconds == null ? 0L : inactiveAfterSeconds;
    expungeAfterSeconds = expungeAfterSeconds == null ? 0L : expungeAfterSeconds;
  }
}
