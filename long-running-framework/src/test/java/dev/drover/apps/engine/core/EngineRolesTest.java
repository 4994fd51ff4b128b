package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.RunSpec;
import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Marathon's acceptedResourceRoles: an app uses only the resources of the roles it accepts. */
class EngineRolesTest {
  final EngineHarness h = new EngineHarness();
  int n;

  /** An offer of {@code unreserved} plus {@code prod} reserved for the role "prod". */
  Offer offer(String agent, String unreserved, String prod) {
    Resources u = Resources.parse(unreserved);
    Resources p = Resources.parse(prod);
    return new Offer("o-" + ++n, agent, agent + ".host", u.plus(p), Map.of(),
        p.isEmpty() ? Map.of() : Map.of("prod", p));
  }

  RunSpec app(String id, List<String> roles) {
    return RunSpec.builder(id).cmd("x").cpus(1).mem(64).instances(1).acceptedResourceRoles(roles).build();
  }

  @Test
  void anAppAcceptingOnlyUnreservedResourcesDoesNotUseAReservation() {
    h.deploy(new AppChange.Put(app("/star", List.of("*"))));
    assertEquals(List.of(), h.offer(offer("a1", "cpus:0.5;mem:1024;ports:[31000-31010]", "cpus:4;mem:1024")));
    QueueEntry q = h.engine.queue().get(0);
    assertEquals(1L, q.rejectReasons().get("UnfulfilledRole"), q.rejectReasons().toString());
    assertTrue(q.lastReasons().get("a1.host").contains("[*]"), q.lastReasons().toString());
    assertEquals(1, h.offer(offer("a2", "cpus:2;mem:1024;ports:[31000-31010]", "cpus:4;mem:1024")).size());
  }

  @Test
  void anAppOfARoleRunsOnlyOnThatRolesReservation() {
    h.deploy(new AppChange.Put(app("/prod", List.of("prod"))));
    assertEquals(List.of(), h.offer(offer("a1", "cpus:8;mem:4096;ports:[31000-31010]", "")));
    assertEquals(1L, h.engine.queue().get(0).rejectReasons().get("UnfulfilledRole"));
    List<TaskSpec> t = h.offer(offer("a2", "cpus:8;mem:4096;ports:[31000-31010]",
        "cpus:1;mem:64;ports:[32000-32000]"));
    assertEquals(1, t.size());
    assertEquals(List.of(), h.engine.queue(), "nothing waits any more");
  }

  @Test
  void reservationsAreLeftForTheAppsThatNeedThem() {
    h.deploy(new AppChange.Put(app("/any", List.of())), new AppChange.Put(app("/prod", List.of("prod"))));
    List<TaskSpec> t = h.offer(offer("a1", "cpus:1;mem:64;ports:[31000-31010]", "cpus:1;mem:64;ports:[32000-32000]"));
    assertEquals(2, t.size(), "/any took the unreserved share, /prod the reservation");
  }

  @Test
  void withoutAcceptedRolesEveryResourceCounts() {
    h.deploy(new AppChange.Put(app("/any", List.of())));
    assertEquals(1, h.offer(offer("a1", "cpus:0.5;ports:[31000-31010]", "cpus:0.5;mem:64")).size());
  }
}
