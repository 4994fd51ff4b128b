package dev.drover.it;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresDocker}. */
final class DockerCondition implements ExecutionCondition {
  static final String IMAGE = "local/busybox:latest";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = null;
    if (Cli.run(List.of("docker", "version", "--format", "{{.Server.Version}}")) == null) {
      why = "no Docker engine reachable";
    } else if (Cli.run(List.of("docker", "image", "inspect", IMAGE)) == null) {
      why = "image " + IMAGE + " is missing";
    }
    if (why == null) {
      return ConditionEvaluationResult.enabled("Docker engine reachable with " + IMAGE);
    }
    if ("1".equals(System.getenv("DROVER_REQUIRE_DOCKER"))) {
      throw new IllegalStateException("DROVER_REQUIRE_DOCKER=1 but " + why
          + "; run scripts/docker-setup.sh as root first");
    }
    return ConditionEvaluationResult.disabled(why + " (set DROVER_REQUIRE_DOCKER=1 to fail instead of skipping)");
  }

  /** Command lines (the docker CLI, kill) for tests that look at tasks from outside Drover. */
  static final class Cli {
    private Cli() {}

    /** The command's trimmed output, or null when it failed or could not run. */
    static String run(List<String> command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          return null;
        }
        return out;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
