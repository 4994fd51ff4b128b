package dev.drover.it.chaos;

import java.time.Instant;

/** One broken invariant: when it was seen, which invariant, and what was seen. */
record Violation(Instant at, String invariant, String description) {
  @Override
  public String toString() {
    return at + " [" + invariant + "] " + description;
  }
}
