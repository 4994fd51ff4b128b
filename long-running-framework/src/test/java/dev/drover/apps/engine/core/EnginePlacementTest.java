package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.ContainerSpec;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.RunSpec;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.placement.Constraint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnginePlacementTest {
  final EngineHarness h = new EngineHarness();

  @Test
  void anImpossibleConstraintShowsItsReasonInTheQueue() {
    h.deploy(new AppChange.Put(RunSpec.builder("/x").cmd("x").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of("rack", "IS", "nowhere"))).build()));
    h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1")));
    h.offer(EngineHarness.offer("a2", 4, 1024, Map.of("rack", "r2")));
    QueueEntry q = h.engine.queue().get(0);
    assertEquals(1, q.count());
    assertEquals(2L, q.rejectReasons().get("UnfulfilledConstraint"));
    assertEquals(2L, q.constraintRejects().get("[rack, IS, nowhere]"));
    assertTrue(q.lastReasons().get("a1.host").contains("rack=r1 is not nowhere"), q.lastReasons().toString());
    assertEquals(2L, q.processedOffers());
  }

  @Test
  void resourceShortagesAreCountedByKind() {
    h.deploy(new AppChange.Put(RunSpec.builder("/big").cmd("x").cpus(16).mem(64000).build()));
    h.offer("a1", 4, 1024);
    QueueEntry q = h.engine.queue().get(0);
    assertEquals(1L, q.rejectReasons().get("InsufficientCpus"));
    assertEquals(1L, q.rejectReasons().get("InsufficientMemory"));
  }

  @Test
  void uniqueHostnameSpreadsAndMaxPerLimits() {
    h.deploy(new AppChange.Put(RunSpec.builder("/u").cmd("x").cpus(0.1).mem(16).instances(3)
        .constraint(Constraint.parse(List.of("hostname", "UNIQUE"))).build()));
    assertEquals(1, h.offer("a1", 4, 1024).size());
    assertEquals(0, h.offer("a1", 4, 1024).size());
    assertEquals(1, h.offer("a2", 4, 1024).size());
  }

  @Test
  void aGlobalAppRunsOnEveryMatchingAgentAsAgentsAppear() {
    h.deploy(new AppChange.Put(RunSpec.builder("/agent-daemon").cmd("x").cpus(0.1).mem(16).instances(1)
        .constraint(Constraint.parse(List.of("hostname", "GLOBAL")))
        .constraint(Constraint.parse(List.of("rack", "LIKE", "r[12]"))).build()));
    assertEquals(1, h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1"))).size());
    assertEquals(0, h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1"))).size());
    assertEquals(1, h.offer(EngineHarness.offer("a2", 4, 1024, Map.of("rack", "r2"))).size());
    assertEquals(0, h.offer(EngineHarness.offer("a3", 4, 1024, Map.of("rack", "r9"))).size());
    assertEquals(2, h.instances("/agent-daemon").size());
    h.engine.agentLost(h.driver, "a2");
    h.instances("/agent-daemon").stream().filter(i -> i.slaveId().equals("a2"))
        .forEach(i -> h.status(i.id(), dev.drover.model.TaskState.GONE));
    assertTrue(h.engine.queue().isEmpty(), "a lost agent is not replaced elsewhere");
  }

  @Test
  void colocateAndSeparateFollowOtherAppsInstances() {
    h.deploy(new AppChange.Put(RunSpec.builder("/db").cmd("db").cpus(0.1).mem(16).label("tier", "db").build()));
    List<TaskSpec> db = h.offer("a1", 4, 1024);
    h.run(db, null);
    h.deploy(new AppChange.Put(RunSpec.builder("/web").cmd("w").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of("app", "COLOCATE", "/db"))).build()));
    h.deploy(new AppChange.Put(RunSpec.builder("/cache").cmd("c").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of("label:tier", "SEPARATE", "db"))).build()));
    List<TaskSpec> onA2 = h.offer("a2", 4, 1024);
    assertEquals(List.of("/cache"), onA2.stream().map(TaskSpec::name).toList());
    List<TaskSpec> onA1 = h.offer("a1", 4, 1024);
    assertEquals(List.of("/web"), onA1.stream().map(TaskSpec::name).toList());
  }

  @Test
  void aSoftConstraintIsAPreferenceNotARequirement() {
    h.deploy(new AppChange.Put(RunSpec.builder("/p").cmd("x").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of("rack", "IS", "r9", "soft"))).build()));
    assertEquals(1, h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1"))).size());
  }

  @Test
  void fixedHostPortsMustBeOfferedAndBridgeMappingsGetPortEnv() {
    RunSpec spec = RunSpec.builder("/httpd").instances(2).cpus(0.1).mem(16)
        .container(new ContainerSpec("local/busybox", DockerSpec.Network.BRIDGE,
            List.of(new PortMapping(80, 31050, 10000, "tcp", "http"), new PortMapping(81, 0, 0, "tcp", "")),
            false, Map.of(), false)).build();
    h.deploy(new AppChange.Put(spec));
    List<TaskSpec> a1 = h.offer("a1", 4, 1024);
    assertEquals(1, a1.size(), "a fixed host port is used once per agent");
    TaskSpec t = a1.get(0);
    assertEquals("31050", t.env().get("PORT0"));
    assertEquals("31000", t.env().get("PORT1"));
    assertEquals("31050", t.env().get("PORT_80"));
    assertEquals(31050, t.docker().orElseThrow().portMappings().get(0).hostPort());
    assertEquals(80, t.docker().orElseThrow().portMappings().get(0).containerPort());
    assertTrue(t.resources().ports().contains(31050));
    dev.drover.model.Resources noPort = dev.drover.model.Resources.parse("cpus:4;mem:1024;ports:[32000-32010]");
    assertEquals(0, h.offer(new dev.drover.sdk.Offer("o-x", "a2", "a2.host", noPort, Map.of())).size());
    assertEquals(1L, h.engine.queue().get(0).rejectReasons().get("InsufficientPorts"));
  }

  /** Every Marathon operator that rules an offer out shows up in the queue with the SDK's reason. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "@zone|LIKE|z9|[@zone, LIKE, z9]|@zone=z1 does not match z9",
      "@region|UNLIKE|eu|[@region, UNLIKE, eu]|@region=eu matches eu",
      "rack|IS|r2|[rack, IS, r2]|rack=r1 is not r2",
      "rack|CLUSTER|r2|[rack, CLUSTER, r2]|rack=r1 is not r2",
      "@hostname|UNLIKE|a1.*|[@hostname, UNLIKE, a1.*]|@hostname=a1.host matches a1.*",
      "gpu|IS|yes|[gpu, IS, yes]|agent a1 has no gpu"})
  void marathonOperatorsExplainWhyAnOfferDidNotFit(String field, String op, String value, String text,
      String reason) {
    h.deploy(new AppChange.Put(RunSpec.builder("/c").cmd("x").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of(field, op, value))).build()));
    h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1", "zone", "z1", "region", "eu")));
    QueueEntry q = h.engine.queue().get(0);
    assertEquals(1L, q.constraintRejects().get(text), q.constraintRejects().toString());
    assertTrue(q.lastReasons().get("a1.host").endsWith(reason), q.lastReasons().toString());
  }

  @Test
  void uniqueGroupByAndMaxPerCountTheAppsOwnInstances() {
    h.deploy(new AppChange.Put(RunSpec.builder("/g").cmd("x").cpus(0.1).mem(16).instances(4)
        .constraint(Constraint.parse(List.of("rack", "GROUP_BY", "2")))
        .constraint(Constraint.parse(List.of("hostname", "MAX_PER", "1"))).build()));
    assertEquals(1, h.offer(EngineHarness.offer("a1", 4, 1024, Map.of("rack", "r1"))).size());
    assertEquals(0, h.offer(EngineHarness.offer("a2", 4, 1024, Map.of("rack", "r1"))).size(),
        "GROUP_BY 2: the second rack comes first");
    assertTrue(h.engine.queue().get(0).constraintRejects().containsKey("[rack, GROUP_BY, 2]"));
    assertEquals(1, h.offer(EngineHarness.offer("a3", 4, 1024, Map.of("rack", "r2"))).size());
    assertEquals(1, h.offer(EngineHarness.offer("a2", 4, 1024, Map.of("rack", "r1"))).size());
    assertEquals(0, h.offer(EngineHarness.offer("a2", 4, 1024, Map.of("rack", "r1"))).size());
    assertTrue(h.engine.queue().get(0).constraintRejects().containsKey("[hostname, MAX_PER, 1]"),
        h.engine.queue().get(0).constraintRejects().toString());
  }
}
