package dev.drover.jobs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.jobs.job.Invalid;
import dev.drover.model.TaskState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependenciesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static String job(String id, String... parents) {
    StringBuilder deps = new StringBuilder();
    for (String p : parents) {
      deps.append(deps.length() == 0 ? "" : ",").append("{'id':'").append(p).append("'}");
    }
    return "{'id':'" + id + "','run':{'cmd':'true','cpus':0.1,'mem':32},'dependencies':[" + deps + "]}";
  }

  @Test
  void aChildRunsOnlyAfterEveryParentSucceededSinceItsLastRun() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job(job("a")));
    h.engine.create(Harness.job(job("b")));
    h.engine.create(Harness.job(job("c", "a", "b")));
    h.engine.startNow("a");
    h.offer();
    h.status(h.lastTask(), TaskState.FINISHED);
    assertEquals(1, h.launched.size(), "c waits for b");
    assertEquals(java.util.Set.of("a"), h.state("c").parentsSucceeded());
    h.engine.startNow("b");
    h.offer();
    h.status(h.lastTask(), TaskState.FAILED);
    assertEquals(2, h.launched.size(), "a failed parent does not count");
    h.engine.startNow("b");
    h.offer();
    h.status(h.lastTask(), TaskState.FINISHED);
    h.offer();
    assertEquals(4, h.launched.size());
    assertTrue(h.lastTask().startsWith("c_"), h.lastTask());
    assertEquals("dependency", h.state("c").runs().values().iterator().next().trigger());
    assertTrue(h.state("c").parentsSucceeded().isEmpty());
  }

  @Test
  void theDependencyStateSurvivesAFailover() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job(job("a")));
    h.engine.create(Harness.job(job("b")));
    h.engine.create(Harness.job(job("c", "a", "b")));
    h.engine.startNow("a");
    h.offer();
    h.status(h.lastTask(), TaskState.FINISHED);
    Harness n = h.failover();
    assertEquals(java.util.Set.of("a"), n.state("c").parentsSucceeded());
    n.engine.startNow("b");
    n.offer();
    n.status(n.lastTask(), TaskState.FINISHED);
    n.offer();
    assertTrue(n.lastTask().startsWith("c_"));
  }

  @Test
  void cyclesAndUnknownParentsAreRejectedAndNothingIsStored() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job(job("a")));
    h.engine.create(Harness.job(job("b", "a")));
    Invalid e = assertThrows(Invalid.class, () -> h.engine.update(Harness.job(job("a", "b")), true));
    assertTrue(e.errors().get("/dependencies").get(0).contains("cycle"), e.errors().toString());
    assertEquals(List.of(), h.state("a").spec().dependencies());
    e = assertThrows(Invalid.class, () -> h.engine.create(Harness.job(job("x", "nope"))));
    assertTrue(e.errors().containsKey("/dependencies/0/id"));
    assertThrows(Rejected.class, () -> h.engine.job("x"));
    Rejected r = assertThrows(Rejected.class, () -> h.engine.delete("a", false));
    assertEquals(409, r.status());
  }

  @Test
  void graphIsServedAsJsonAndDot() {
    Harness h = new Harness(T0);
    h.engine.create(Harness.job(job("a")));
    h.engine.create(Harness.job(job("b", "a")));
    var specs = h.engine.jobs().values().stream().map(JobState::spec).toList();
    assertEquals("a", Dag.json(specs).get("edges").get(0).get("from").asText());
    assertTrue(Dag.dot(specs).contains("\"a\" -> \"b\";"));
  }
}
