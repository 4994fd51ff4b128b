package dev.drover.master.agent;

import dev.drover.master.launch.TaskSpec;
import dev.drover.master.task.TaskStatus;

/** A task an agent reports when it re-registers, with its latest status (which names the framework). */
public record ReportedTask(TaskSpec spec, TaskStatus status) {}
