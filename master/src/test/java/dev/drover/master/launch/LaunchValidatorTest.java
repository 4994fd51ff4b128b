package dev.drover.master.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.offer.Offer;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.task.Reason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchValidatorTest {
  private final OfferBook book = new OfferBook("m");
  private final Offer offer = book.create("fw1", "a1", "h1", Resources.parse("cpus:2;mem:1024;ports:[31000-31010]"),
      List.of());

  private static TaskSpec task(String id, String resources) {
    return new TaskSpec(id, "name-" + id, "", Resources.parse(resources), null, new byte[0]);
  }

  private LaunchPlan validate(List<String> offers, List<TaskSpec> tasks, Set<String> live) {
    return LaunchValidator.validate("fw1", offers, book::get, tasks, live::contains);
  }

  @Test
  void tasksThatFitAreAcceptedAndTheRemainderIsReported() {
    LaunchPlan plan = validate(List.of(offer.id()),
        List.of(task("t1", "cpus:1;mem:512;ports:[31000-31000]"), task("t2", "cpus:0.5;mem:256")), Set.of());
    assertTrue(plan.offersValid());
    assertEquals("a1", plan.agentId());
    assertEquals(2, plan.accepted().size());
    assertTrue(plan.rejected().isEmpty());
    assertEquals(Resources.parse("cpus:0.5;mem:256;ports:[31001-31010]"), plan.remainder());
  }

  @Test
  void taskThatDoesNotFitWhatIsLeftIsAnError() {
    LaunchPlan plan = validate(List.of(offer.id()),
        List.of(task("t1", "cpus:1.5;mem:512"), task("t2", "cpus:1;mem:100")), Set.of());
    assertEquals(List.of("t1"), plan.accepted().stream().map(TaskSpec::taskId).toList());
    LaunchPlan.Rejection r = plan.rejected().get(0);
    assertEquals("t2", r.task().taskId());
    assertEquals(TaskState.ERROR, r.state());
    assertEquals(Reason.TASK_INVALID, r.reason());
    assertTrue(r.message().startsWith("resources:"), r.message());
    assertTrue(r.message().contains("cpus"), r.message());
  }

  @Test
  void unknownOrForeignOffersDropEveryTask() {
    Offer foreign = book.create("fw2", "a1", "h1", Resources.parse("cpus:1"), List.of());
    for (List<String> ids : List.of(List.of("gone"), List.of(offer.id(), foreign.id()), List.<String>of())) {
      LaunchPlan plan = validate(ids, List.of(task("t1", "cpus:1")), Set.of());
      assertFalse(plan.offersValid(), ids.toString());
      assertTrue(plan.accepted().isEmpty());
      assertEquals(TaskState.DROPPED, plan.rejected().get(0).state());
      assertEquals(Reason.INVALID_OFFERS, plan.rejected().get(0).reason());
    }
  }

  @Test
  void offersOnTwoAgentsAreInvalid() {
    Offer other = book.create("fw1", "a2", "h2", Resources.parse("cpus:1"), List.of());
    LaunchPlan plan = validate(List.of(offer.id(), other.id()), List.of(task("t1", "cpus:1")), Set.of());
    assertFalse(plan.offersValid());
    assertTrue(plan.offersProblem().contains("span agents"), plan.offersProblem());
  }

  @Test
  void duplicateEmptyAndLiveTaskIdsAreErrors() {
    LaunchPlan plan = validate(List.of(offer.id()),
        List.of(task("t1", "cpus:0.1"), task("t1", "cpus:0.1"), task("", "cpus:0.1"), task("running", "cpus:0.1")),
        Set.of("running"));
    assertEquals(List.of("t1"), plan.accepted().stream().map(TaskSpec::taskId).toList());
    assertEquals(3, plan.rejected().size());
    plan.rejected().forEach(r -> assertTrue(r.message().startsWith("task_id:"), r.message()));
  }

  @Test
  void unreadableOrEmptyResourcesAndAWrongAgentAreErrors() {
    TaskSpec bad = new TaskSpec("t1", "n", "", Resources.EMPTY, "resource cpus has no type", new byte[0]);
    TaskSpec empty = task("t2", "");
    TaskSpec elsewhere = new TaskSpec("t3", "n", "a9", Resources.parse("cpus:1"), null, new byte[0]);
    LaunchPlan plan = validate(List.of(offer.id()), List.of(bad, empty, elsewhere), Set.of());
    assertTrue(plan.accepted().isEmpty());
    assertTrue(plan.rejected().get(0).message().contains("has no type"));
    assertTrue(plan.rejected().get(1).message().startsWith("resources:"));
    assertTrue(plan.rejected().get(2).message().startsWith("agent_id:"));
    assertNull(plan.offersProblem());
  }
}
