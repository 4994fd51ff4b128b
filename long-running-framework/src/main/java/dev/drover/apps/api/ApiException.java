package dev.drover.apps.api;

/** A request the API refuses with {@code status} and Marathon's {@code {"message": ...}} body; nothing was stored. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static ApiException appNotFound(String id) {
    return new ApiException(404, "App '" + id + "' does not exist");
  }

  static ApiException groupNotFound(String id) {
    return new ApiException(404, "Group '" + id + "' does not exist");
  }
}
