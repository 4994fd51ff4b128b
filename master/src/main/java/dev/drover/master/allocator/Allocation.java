package dev.drover.master.allocator;

import dev.drover.model.Resources;

/** Resources of one agent given to one framework for one of its roles: what becomes one offer. Immutable. */
public record Allocation(String frameworkId, String role, String agentId, Resources resources) {}
