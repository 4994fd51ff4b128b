package dev.drover.apps.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * An app waiting for offers ({@code GET /v2/queue}): how many instances wait, since when, the backoff left, and
 * for the offers seen since, how many were processed and unused and how often each reason excluded one (keys such
 * as {@code InsufficientCpus}, {@code InsufficientMemory}, {@code InsufficientPorts}, {@code UnfulfilledRole} or
 * {@code UnfulfilledConstraint [hostname, UNIQUE]}), and per agent the last reason in words.
 */
public record QueueView(String appId, int count, Instant since, long delaySecondsLeft, boolean overdue,
    int processedOffers, int unusedOffers, Map<String, Integer> rejections, Map<String, String> lastReasons) {
  public QueueView {
    rejections = Map.copyOf(rejections);
    lastReasons = lastReasons == null ? Map.of() : Map.copyOf(lastReasons);
  }
}
