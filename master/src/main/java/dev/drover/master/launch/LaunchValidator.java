package dev.drover.master.launch;

import dev.drover.master.offer.Offer;
import dev.drover.master.task.Reason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks an ACCEPT with LAUNCH against the live offers. Pure: reads offers and known task ids through the given
 * functions and changes nothing.
 *
 * <p>The offers must be non-empty, live, the framework's own and all on one agent, else every task is DROPPED with
 * INVALID_OFFERS. Each task then needs a non-empty id unused by the framework's live tasks and by earlier tasks of
 * the same accept, readable non-empty resources, an agent id (if any) equal to the offers', and resources that fit
 * in what the offers still hold after the earlier tasks; a task that fails is an ERROR with TASK_INVALID and a
 * message naming the field.
 */
public final class LaunchValidator {
  private LaunchValidator() {}

  public static LaunchPlan validate(String frameworkId, List<String> offerIds, Function<String, Optional<Offer>> offers,
      List<TaskSpec> tasks, Predicate<String> taskIdInUse) {
    List<Offer> own = new ArrayList<>();
    String problem = null;
    String agentId = null;
    Resources offered = Resources.EMPTY;
    if (offerIds.isEmpty()) {
      problem = "no offer ids";
    }
    Set<String> seenOffers = new HashSet<>();
    for (String id : offerIds) {
      Optional<Offer> o = offers.apply(id);
      if (!seenOffers.add(id)) {
        problem = firstNonNull(problem, "offer " + id + " is named twice");
      } else if (o.isEmpty()) {
        problem = firstNonNull(problem, "offer " + id + " is not live (unknown, used, declined or rescinded)");
      } else if (!o.get().frameworkId().equals(frameworkId)) {
        problem = firstNonNull(problem, "offer " + id + " belongs to another framework");
      } else {
        Offer offer = o.get();
        own.add(offer);
        offered = offered.plus(offer.resources());
        if (agentId == null) {
          agentId = offer.agentId();
        } else if (!agentId.equals(offer.agentId())) {
          problem = firstNonNull(problem, "offers span agents " + agentId + " and " + offer.agentId());
        }
      }
    }
    if (problem != null) {
      List<LaunchPlan.Rejection> dropped = new ArrayList<>();
      for (TaskSpec t : tasks) {
        dropped.add(new LaunchPlan.Rejection(t, TaskState.DROPPED, Reason.INVALID_OFFERS, "invalid offers: " + problem));
      }
      return new LaunchPlan(agentId, own, List.of(), dropped, offered, problem);
    }

    Resources remaining = offered;
    Set<String> idsInThisAccept = new HashSet<>();
    List<TaskSpec> accepted = new ArrayList<>();
    List<LaunchPlan.Rejection> rejected = new ArrayList<>();
    for (TaskSpec t : tasks) {
      String error = taskError(t, agentId, remaining, idsInThisAccept, taskIdInUse);
      if (error != null) {
        rejected.add(new LaunchPlan.Rejection(t, TaskState.ERROR, Reason.TASK_INVALID, error));
        continue;
      }
      idsInThisAccept.add(t.taskId());
      remaining = remaining.minus(t.resources());
      accepted.add(t);
    }
    return new LaunchPlan(agentId, own, accepted, rejected, remaining, null);
  }

  private static String taskError(TaskSpec t, String agentId, Resources remaining, Set<String> idsInThisAccept,
      Predicate<String> taskIdInUse) {
    if (t.taskId().isBlank()) {
      return "task_id: must not be empty";
    }
    if (idsInThisAccept.contains(t.taskId())) {
      return "task_id: '" + t.taskId() + "' appears twice in this accept";
    }
    if (taskIdInUse.test(t.taskId())) {
      return "task_id: '" + t.taskId() + "' is already used by a live task of this framework";
    }
    if (t.resourcesError() != null) {
      return "resources: " + t.resourcesError();
    }
    if (t.resources().isEmpty()) {
      return "resources: must not be empty";
    }
    if (!t.agentId().isEmpty() && !t.agentId().equals(agentId)) {
      return "agent_id: '" + t.agentId() + "' is not the offers' agent '" + agentId + "'";
    }
    Set<String> missing = remaining.shortfall(t.resources());
    if (!missing.isEmpty()) {
      return "resources: " + t.resources() + " do not fit in what the offers have left (" + remaining
          + "); short of " + missing;
    }
    return null;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
