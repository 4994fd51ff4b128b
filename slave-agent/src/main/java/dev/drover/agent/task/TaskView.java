package dev.drover.agent.task;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A read-only picture of one task for HTTP and registration. {@code containerId} is the Docker container id or the
 * pid, empty before launch; {@code healthy} is the last health-check verdict, if any.
 */
public record TaskView(TaskKey key, String name, TaskState state, OptionalLong pid, Path sandbox,
    Resources resources, String containerId, java.util.Optional<Boolean> healthy) {}
