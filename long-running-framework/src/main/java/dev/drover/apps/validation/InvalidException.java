package dev.drover.apps.validation;

import java.util.List;

/** A request body that breaks the rules; the HTTP layer answers 422 with every violation. Nothing was stored. */
public final class InvalidException extends RuntimeException {
  private final List<Violation> details;

  public InvalidException(List<Violation> details) {
    super("Object is not valid: " + details);
    this.details = List.copyOf(details);
  }

  /** A single violation at {@code path}. */
  public static InvalidException at(String path, String error) {
    return new InvalidException(List.of(new Violation(path, List.of(error))));
  }

  public List<Violation> details() {
    return details;
  }
}
