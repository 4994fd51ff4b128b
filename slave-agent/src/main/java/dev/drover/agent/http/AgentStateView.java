package dev.drover.agent.http;

import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.task.TaskView;
import dev.drover.model.Resources;
import java.util.List;
import java.util.Optional;

/**
 * A consistent picture of the agent taken on its loop, rendered by {@code GET /state}. {@code processIsolation}
 * says whether process tasks get cgroup limits here, and if not, why.
 */
public record AgentStateView(Optional<String> id, String hostname, boolean masterConnected, Resources resources,
    Resources used, List<AgentAttribute> attributes, List<TaskView> tasks, String processIsolation) {}
