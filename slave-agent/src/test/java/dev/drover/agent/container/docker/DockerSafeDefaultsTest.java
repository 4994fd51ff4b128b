package dev.drover.agent.container.docker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.LaunchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Docker task may do unless the agent's operator allows it (docs/security.md). No Docker engine needed. */
class DockerSafeDefaultsTest {
  private static final DockerSpec HOST_NET = new DockerSpec("img", DockerSpec.Network.HOST, List.of(), false, false,
      List.of());
  private static final DockerSpec PRIVILEGED = new DockerSpec("img", DockerSpec.Network.BRIDGE, List.of(), true,
      false, List.of());

  @Test
  void hostNetworkAndPrivilegedAreRefusedByDefault() {
    LaunchException host = assertThrows(LaunchException.class, () -> DockerRequest.of(
        DockerContainerizerTest.task("cpus:0.1;mem:32", DockerContainerizerTest.shell("true"), HOST_NET), HOST_NET,
        Path.of("/tmp/sandbox"), Map.of(), "a1", ContainerOptions.defaults()));
    assertTrue(host.refused() && host.getMessage().contains("host networking"), host.getMessage());
    LaunchException priv = assertThrows(LaunchException.class, () -> DockerRequest.of(
        DockerContainerizerTest.task("cpus:0.1;mem:32", DockerContainerizerTest.shell("true"), PRIVILEGED),
        PRIVILEGED, Path.of("/tmp/sandbox"), Map.of(), "a1", ContainerOptions.defaults()));
    assertTrue(priv.refused() && priv.getMessage().contains("privileged"), priv.getMessage());
  }

  @Test
  void hostNetworkIsAllowedWhenTheAgentSaysSo() throws Exception {
    DockerRequest.of(DockerContainerizerTest.task("cpus:0.1;mem:32", DockerContainerizerTest.shell("true"),
        HOST_NET), HOST_NET, Path.of("/tmp/sandbox"), Map.of(), "a1",
        ContainerOptions.defaults().withAllowHostNetwork(true));
  }

  @Test
  void privilegedIsPassedToTheEngineWhenTheAgentAllowsIt() throws Exception {
    DockerRequest r = DockerRequest.of(DockerContainerizerTest.task("cpus:0.1;mem:32",
        DockerContainerizerTest.shell("true"), PRIVILEGED), PRIVILEGED, Path.of("/tmp/sandbox"), Map.of(), "a1",
        ContainerOptions.defaults().withAllowPrivileged(true));
    assertTrue(r.hostConfig().getPrivileged());
  }
}
