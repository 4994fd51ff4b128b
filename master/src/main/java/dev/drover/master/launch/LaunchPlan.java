package dev.drover.master.launch;

import dev.drover.master.offer.Offer;
import dev.drover.master.task.Reason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.List;

/**
 * The outcome of validating an ACCEPT with LAUNCH: the tasks to launch on {@code agentId}, the tasks refused (each
 * with the state, reason and message to report), the framework's live offers that the accept named, and what of
 * them is left unused. When {@code offersProblem} is non-null the offers were invalid and nothing launches.
 */
public record LaunchPlan(String agentId, List<Offer> offers, List<TaskSpec> accepted, List<Rejection> rejected,
    Resources remainder, String offersProblem) {
  /** A task that will not launch, and what to tell the framework about it. */
  public record Rejection(TaskSpec task, TaskState state, Reason reason, String message) {}

  public LaunchPlan {
    offers = List.copyOf(offers);
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }

  public boolean offersValid() {
    return offersProblem == null;
  }
}
