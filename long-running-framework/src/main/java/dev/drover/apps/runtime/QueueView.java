package dev.drover.apps.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * An app waiting for offers ({@code GET /v2/queue}): how many instances wait, since when, the backoff left, and
 * for the offers seen since, how many were processed and unused and how often each reason excluded one (keys such
 * as {@code InsufficientCpus}, {@code InsufficientMemory}, {@code InsufficientPorts}, {@code UnfulfilledRole} or
 * {@code UnfulfilledConstraint hostname:UNIQUE}).
 */
public record QueueView(String appId, int count, Instant since, long delaySecondsLeft, boolean overdue,
    int processedOffers, int unusedOffers, Map<String, Integer> rejections) {
  public QueueView {
    rejections = Map.copyOf(rejections);
  }
}
