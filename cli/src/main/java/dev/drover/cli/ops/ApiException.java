package dev.drover.cli.ops;

/**
 * A failure an operator command reports in one line (HTTP status and the server's message, a refused connection,
 * no leader in ZooKeeper), with the exit code the command ends with.
 */
public final class ApiException extends RuntimeException {
  private final int exitCode;

  public ApiException(String message) {
    this(message, ExitCodes.ERROR);
  }

  public ApiException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
