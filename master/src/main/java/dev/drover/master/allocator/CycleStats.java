package dev.drover.master.allocator;

/** What one allocation cycle did: agents visited, allocations made, whether it visited every agent. */
public record CycleStats(int visitedAgents, int allocations, boolean full) {}
