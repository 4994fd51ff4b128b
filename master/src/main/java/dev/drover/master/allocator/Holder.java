package dev.drover.master.allocator;

/** Who holds an allocation: a framework, for one of its roles. */
public record Holder(String frameworkId, String role) {}
