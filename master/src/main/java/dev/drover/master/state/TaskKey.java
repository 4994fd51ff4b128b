package dev.drover.master.state;

/** A task's identity: task ids are unique within a framework. */
public record TaskKey(String frameworkId, String taskId) {}
