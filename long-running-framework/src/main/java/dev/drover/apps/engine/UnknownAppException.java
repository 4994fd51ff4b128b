package dev.drover.apps.engine;

/** The engine runs no app with that id (Marathon answers 404). */
public final class UnknownAppException extends EngineException {
  public UnknownAppException(String appId) {
    super("App '" + appId + "' does not exist");
  }
}
