package dev.drover.agent.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.model.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskHealthPortTest {
  private static final Resources PORTS = Resources.parse("cpus:0.1;mem:32;ports:[31005,31007]");

  private static HealthCheckSpec http(int port, int portIndex) {
    return new HealthCheckSpec(HealthCheckSpec.Type.HTTP, "/", port, portIndex, "http", Optional.empty(),
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ZERO);
  }

  private static TaskSpec task(Optional<DockerSpec> docker, HealthCheckSpec check) {
    return new TaskSpec(new TaskKey("fw", "t"), "t", PORTS, new CommandSpec(true, "true", List.of(), Map.of()),
        Optional.empty(), docker, Optional.of(check));
  }

  private static DockerSpec docker(DockerSpec.Network network) {
    return new DockerSpec("local/busybox:latest", network,
        List.of(new DockerSpec.PortMapping(31007, 80, "tcp")), false, false, List.of());
  }

  @Test
  void aPortNumberOnABridgeContainerIsItsContainerPortProbedOnTheMappedHostPort() {
    assertEquals(31007, TaskHealth.port(task(Optional.of(docker(DockerSpec.Network.BRIDGE)), http(80, -1)),
        http(80, -1)));
  }

  @Test
  void anAutoAssignedMappingIsProbedOnTheHostPortTheContainerGot() {
    DockerSpec auto = new DockerSpec("local/busybox:latest", DockerSpec.Network.BRIDGE,
        List.of(new DockerSpec.PortMapping(0, 80, "tcp"), new DockerSpec.PortMapping(0, 81, "tcp")), false, false,
        List.of());
    assertEquals(31005, TaskHealth.port(task(Optional.of(auto), http(80, -1)), http(80, -1)));
    assertEquals(31007, TaskHealth.port(task(Optional.of(auto), http(81, -1)), http(81, -1)));
    DockerSpec mixed = new DockerSpec("local/busybox:latest", DockerSpec.Network.BRIDGE,
        List.of(new DockerSpec.PortMapping(0, 80, "tcp"), new DockerSpec.PortMapping(31005, 81, "tcp")), false,
        false, List.of());
    assertEquals(31007, TaskHealth.port(task(Optional.of(mixed), http(80, -1)), http(80, -1)),
        "an auto-assigned mapping skips the ports mapped explicitly");
  }

  @Test
  void aPortNumberElsewhereIsTheHostPort() {
    assertEquals(80, TaskHealth.port(task(Optional.of(docker(DockerSpec.Network.HOST)), http(80, -1)), http(80, -1)));
    assertEquals(8080, TaskHealth.port(task(Optional.empty(), http(8080, -1)), http(8080, -1)));
  }

  @Test
  void aPortIndexPicksTheTasksHostPort() {
    assertEquals(31007, TaskHealth.port(task(Optional.empty(), http(0, 1)), http(0, 1)));
  }
}
