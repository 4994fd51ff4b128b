package dev.drover.cli.ops;

/** The exit codes of the operator commands, documented in docs/cli.md. */
public final class ExitCodes {
  /** Done; with {@code --wait}, the deployment finished. */
  public static final int OK = 0;
  /** The request failed: HTTP error, connection refused, no leader. */
  public static final int ERROR = 1;
  /** Bad arguments (picocli's usage error). */
  public static final int USAGE = 2;
  /** {@code --wait}: the deployment failed or was rolled back. */
  public static final int DEPLOYMENT_FAILED = 3;
  /** {@code --wait}: the deployment did not finish within {@code --timeout}. */
  public static final int TIMEOUT = 4;

  private ExitCodes() {}
}
