package dev.drover.apps.validation;

import java.util.List;

/** What is wrong at one JSON path, in Marathon's 422 shape: {@code {"path": "/instances", "errors": [...]}}. */
public record Violation(String path, List<String> errors) {
  public Violation {
    errors = List.copyOf(errors);
  }
}
