package dev.drover.jobs.engine;

/** A request the engine refuses, with the HTTP status that says why (404 unknown, 409 conflict). */
public final class Rejected extends RuntimeException {
  private final int status;

  public Rejected(int status, String message) {
    super(message);
    this.status = status;
  }

  public static Rejected notFound(String what) {
    return new Rejected(404, what + " does not exist");
  }

  public int status() {
    return status;
  }
}
