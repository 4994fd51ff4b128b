package dev.drover.jobs.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rejected definition: for each JSON pointer path (e.g. {@code /run/cpus}) the reasons, in Metronome's 422 shape
 * {@code {"message": "Object is not valid", "details": [{"path", "errors"}]}}.
 */
public final class Invalid extends RuntimeException {
  private final Map<String, List<String>> errors;

  public Invalid(Map<String, List<String>> errors) {
    super("Object is not valid: " + errors);
    this.errors = new LinkedHashMap<>(errors);
  }

  public static Invalid of(String path, String error) {
    return new Invalid(Map.of(path, List.of(error)));
  }

  public Map<String, List<String>> errors() {
    return errors;
  }
}
