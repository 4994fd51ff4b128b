package dev.drover.apps.model;

/**
 * When an unreachable instance is replaced ({@code inactiveAfterSeconds}, default 300) and when it is forgotten
 * and killed should it come back ({@code expungeAfterSeconds}, default 600). Marathon's documented defaults.
 */
public record UnreachableStrategy(Long inactiveAfterSeconds, Long expungeAfterSeconds) {
  public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(300L, 600L);

  public UnreachableStrategy {
    inactiveAfterSeconds = inactiveAfterSeconds == null ? 300L : inactiveAfterSeconds;
    expungeAfterSeconds = expungeAfterSeconds == null ? 600L : expungeAfterSeconds;
  }
}
