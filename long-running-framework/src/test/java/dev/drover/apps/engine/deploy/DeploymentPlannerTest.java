package dev.drover.apps.engine.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.RunSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {
  static final Instant V = Instant.parse("2026-01-01T00:00:00Z");

  static RunSpec app(String id, String... deps) {
    return RunSpec.builder(id).cmd("x").version(V).dependencies(Set.of(deps)).build();
  }

  static List<List<String>> shape(Deployment d) {
    return d.steps().stream().map(s -> s.stream().map(a -> a.kind().name().replace("Application", "") + " "
        + a.appId()).toList()).toList();
  }

  @Test
  void dependenciesComeFirstAndRemovalsLeadTheWay() {
    Deployment d = DeploymentPlanner.plan("d1", V, List.of(new AppChange.Put(app("/web", "/db", "/cache")),
        new AppChange.Put(app("/db")), new AppChange.Put(app("/cache", "/db")), new AppChange.Remove("/old")),
        Map.of("/old", app("/old")));
    assertEquals(List.of(List.of("Stop /old"), List.of("Start /db"), List.of("Start /cache"), List.of("Start /web")),
        shape(d));
  }

  @Test
  void independentAppsShareAStepAndKindsFollowTheChange() {
    RunSpec db = app("/db");
    Deployment d = DeploymentPlanner.plan("d1", V, List.of(new AppChange.Put(db.scaledTo(3, V.plusSeconds(1))),
        new AppChange.Put(app("/new"))), Map.of("/db", db));
    assertEquals(List.of(List.of("Scale /db", "Start /new")), shape(d));
    assertEquals("Scale /db", shape(d).get(0).get(0));
  }

  @Test
  void aChangedCommandRestartsAndAnExplicitRestartAlwaysDoes() {
    RunSpec db = app("/db");
    Deployment changed = DeploymentPlanner.plan("d", V, List.of(new AppChange.Put(db.toBuilder().cmd("y").build())),
        Map.of("/db", db));
    assertEquals(List.of(List.of("Restart /db")), shape(changed));
    Deployment restart = DeploymentPlanner.plan("d", V, List.of(new AppChange.Restart(db)), Map.of("/db", db));
    assertEquals(List.of(List.of("Restart /db")), shape(restart));
    Deployment parallel = DeploymentPlanner.plan("d", V, List.of(new AppChange.Put(app("/a")),
        new AppChange.Put(app("/b"))), Map.of());
    assertEquals(List.of(List.of("Start /a", "Start /b")), shape(parallel));
  }
}
