package dev.drover.apps.model;

/** When the app last changed its instance count and when its configuration (ISO-8601 timestamps, read-only). */
public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {}
