package dev.drover.apps.engine;

/** A request the engine refused; the message says why, for a 4xx answer. */
public class EngineException extends RuntimeException {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
