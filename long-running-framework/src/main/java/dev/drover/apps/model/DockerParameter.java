package dev.drover.apps.model;

/** One extra {@code docker run} option, e.g. {@code {"key": "label", "value": "a=b"}}. */
public record DockerParameter(String key, String value) {}
