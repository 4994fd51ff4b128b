package dev.drover.testkit;

import java.util.Map;

/**
 * A task as a simulated agent received it, given to the behaviour function to decide what the task does. Immutable.
 *
 * @param frameworkId the framework that launched it
 * @param taskId its id
 * @param name its name
 * @param command its shell command or program, possibly empty
 * @param labels its labels
 */
public record SimulatedTask(String frameworkId, String taskId, String name, String command,
    Map<String, String> labels) {
  public SimulatedTask {
    labels = Map.copyOf(labels);
  }
}
