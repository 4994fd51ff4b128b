package dev.drover.apps.model;

/** The shell command of a COMMAND health check: {@code {"value": "curl -f http://$HOST:$PORT0/"}}. */
public record CommandCheck(String value) {}
