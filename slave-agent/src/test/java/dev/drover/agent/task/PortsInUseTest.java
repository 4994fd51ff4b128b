package dev.drover.agent.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.TaskHarness;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task is refused when a port it was given is already bound on the host by something outside Drover. */
class PortsInUseTest {
  @TempDir
  Path tmp;

  @Test
  void aPortBoundOutsideDroverIsRefusedNamingThePort() throws Exception {
    try (ServerSocket squatter = new ServerSocket();
        TaskHarness agent = new TaskHarness(tmp.resolve("sandboxes"))) {
      squatter.bind(new InetSocketAddress(0));
      long port = squatter.getLocalPort();
      TaskSpec spec = new TaskSpec(new TaskKey("fw", "wants-busy-port"), "t",
          Resources.parse("cpus:0.1;mem:32;ports:[" + port + "]"), new CommandSpec(true, "true", List.of(), Map.of()),
          Optional.empty());
      agent.run(spec);
      StatusUpdate end = agent.awaitTerminal(spec.key(), Duration.ofSeconds(10));
      assertEquals(TaskState.ERROR, end.state());
      assertEquals(TaskReason.INVALID_OFFERS, end.reason());
      assertTrue(end.message().contains("[" + port + "]"), end.message());
    }
  }

  @Test
  void freePortsPass() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    assertEquals(List.of(), TaskAdmission.inUseOnHost(Resources.parse("ports:[" + port + "]").ports()));
  }
}
