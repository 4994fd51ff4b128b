package dev.drover.agent;

import com.github.dockerjava.api.DockerClient;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.docker.DockerClients;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresDocker}. The engine is probed once per test run. */
public final class DockerCondition implements ExecutionCondition {
  public static final String IMAGE = "local/busybox:latest";
  private static volatile String problem;
  private static volatile boolean probed;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = problem();
    if (why == null) {
      return ConditionEvaluationResult.enabled("Docker engine reachable with " + IMAGE);
    }
    if ("1".equals(System.getenv("DROVER_REQUIRE_DOCKER"))) {
      throw new IllegalStateException("DROVER_REQUIRE_DOCKER=1 but " + why
          + "; run scripts/docker-setup.sh as root first");
    }
    return ConditionEvaluationResult.disabled(why + " (set DROVER_REQUIRE_DOCKER=1 to fail instead of skipping)");
  }

  private static synchronized String problem() {
    if (!probed) {
      probed = true;
      try (DockerClient client = DockerClients.create(ContainerOptions.DEFAULT_DOCKER_HOST)) {
        if (!DockerClients.reachable(client)) {
          problem = "no Docker engine at " + ContainerOptions.DEFAULT_DOCKER_HOST;
        } else {
          client.inspectImageCmd(IMAGE).exec();
        }
      } catch (com.github.dockerjava.api.exception.NotFoundException e) {
        problem = "image " + IMAGE + " is missing";
      } catch (Exception e) {
        problem = "Docker engine unusable: " + e;
      }
    }
    return problem;
  }
}
