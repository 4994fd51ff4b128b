package dev.drover.jobs.run;

import java.util.List;

/** The run after an event and the effects to carry out. {@code run} is unchanged when the event did not apply. */
public record Transition(JobRun run, List<RunEffect> effects) {
  static Transition stay(JobRun run) {
    return new Transition(run, List.of());
  }
}
