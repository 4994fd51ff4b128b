package dev.drover.apps.engine;

/**
 * What happens to an instance whose agent became unreachable (Marathon's {@code unreachableStrategy}). Immutable.
 * An app without one ({@link RunSpec#unreachableStrategy()} empty, Marathon's {@code "disabled"}) never replaces an
 * unreachable instance and never forgets it.
 *
 * @param inactiveAfterSeconds after this long unreachable the instance is replaced (a new one is launched)
 * @param expungeAfterSeconds after this long unreachable the instance is forgotten (killed if it ever comes back);
 *     at least {@code inactiveAfterSeconds}
 */
public record UnreachableStrategy(long inactiveAfterSeconds, long expungeAfterSeconds) {
  /** Marathon's default ({@code 0, 0}): replace at once, forget at once. */
  public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(0, 0);

  public UnreachableStrategy {
    if (inactiveAfterSeconds < 0 || expungeAfterSeconds < inactiveAfterSeconds) {
      throw new IllegalArgumentException("need 0 <= inactiveAfterSeconds <= expungeAfterSeconds, not "
          + inactiveAfterSeconds + " and " + expungeAfterSeconds);
    }
  }
}
