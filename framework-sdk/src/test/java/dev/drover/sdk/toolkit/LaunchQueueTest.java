package dev.drover.sdk.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.placement.Constraint;
import dev.drover.sdk.placement.Fitness;
import dev.drover.sdk.placement.Operator;
import dev.drover.sdk.placement.Placement;
import dev.drover.sdk.placement.PlacementRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchQueueTest {
  final ManualTimer timer = new ManualTimer();
  final RecordingDriver driver = new RecordingDriver();
  final List<String> events = new ArrayList<>();
  int taskSeq;
  final LaunchQueue q = new LaunchQueue(driver, Placement.using(Fitness.FIRST_FIT), timer, OfferPolicy.DEFAULT, 2,
      a -> TaskSpec.shell(a.request().id() + "." + (++taskSeq), "sleep 1", a.resources()),
      new LaunchQueue.Listener() {
        @Override
        public void launched(PlacementRequest request, TaskStatus status) {
          events.add("launched " + request.id());
        }

        @Override
        public void gaveUp(PlacementRequest request, TaskStatus last) {
          events.add("gave up " + request.id());
        }
      });

  static Offer offer(String agent) {
    return new Offer("o-" + agent, agent, agent, Resources.of(2, 1024, 0), Map.of());
  }

  static PlacementRequest req(String id) {
    return PlacementRequest.of(id, "g", Resources.of(1, 128, 0)).with(Constraint.hard("hostname", Operator.UNIQUE));
  }

  static TaskStatus st(String task, TaskState s) {
    return TaskStatus.of(task, s, "", "", "a1");
  }

  @Test
  void launchesDeclinesBrieflyWhileBusyThenLongAndSuppressesWhenIdle() {
    q.submit(req("r1"));
    q.submit(req("r2"));
    q.resourceOffers(List.of(offer("a1")), Map.of());
    assertEquals(List.of("launch [o-a1] [r1.1]"), driver.drain(), "UNIQUE keeps r2 off a1");
    q.resourceOffers(List.of(offer("a1")), Map.of());
    assertEquals(List.of("decline o-a1 5s"), driver.drain());
    q.resourceOffers(List.of(offer("a2")), Map.of());
    assertEquals(List.of("launch [o-a2] [r2.2]"), driver.drain());
    q.statusUpdate(st("r1.1", TaskState.RUNNING));
    q.statusUpdate(st("r2.2", TaskState.STARTING));
    assertEquals(List.of("launched r1", "launched r2"), events);
    q.resourceOffers(List.of(offer("a3")), Map.of());
    assertEquals(List.of("decline o-a3 60s", "suppress"), driver.drain());
    assertTrue(q.isSuppressed());
    q.submit(req("r3"));
    assertEquals(List.of("revive"), driver.drain());
  }

  @Test
  void retriesFailedLaunchesWithBackoffThenGivesUp() {
    q.submit(req("r1"));
    q.resourceOffers(List.of(offer("a1")), Map.of());
    driver.drain();
    q.statusUpdate(st("r1.1", TaskState.DROPPED));
    assertEquals(List.of(), q.waiting());
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of("r1"), q.waiting().stream().map(PlacementRequest::id).toList());
    q.resourceOffers(List.of(offer("a1")), Map.of());
    assertEquals(List.of("launch [o-a1] [r1.2]"), driver.drain());
    q.statusUpdate(st("r1.2", TaskState.FAILED));
    assertEquals(List.of("gave up r1"), events);
    timer.advance(Duration.ofMinutes(5));
    assertEquals(List.of(), q.waiting());
  }
}
