package dev.drover.sdk.state;

/** The state store could not be reached or failed; a write may or may not have taken effect. */
public final class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
