package dev.drover.agent.task;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A read-only picture of one task for HTTP and registration. */
public record TaskView(TaskKey key, String name, TaskState state, OptionalLong pid, Path sandbox,
    Resources resources) {}
