package dev.drover.jobs.run;

/**
 * A job run's status, as Metronome names them, plus MISSED for a tick that did not run (FORBID, or not launched
 * within its starting deadline). INITIAL: created (for a scheduled tick: armed ahead of its time); STARTING: waiting
 * for an offer or for its task to run; ACTIVE: its task runs.
 */
public enum RunStatus {
  INITIAL, STARTING, ACTIVE, SUCCESS, FAILED, MISSED;

  public boolean isTerminal() {
    return this == SUCCESS || this == FAILED || this == MISSED;
  }
}
