package dev.drover.apps.engine;

/** No deployment with that id is in flight (Marathon answers 404). */
public final class UnknownDeploymentException extends EngineException {
  public UnknownDeploymentException(String deploymentId) {
    super("DeploymentPlan " + deploymentId + " does not exist");
  }
}
