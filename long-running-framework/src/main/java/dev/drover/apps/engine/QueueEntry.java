package dev.drover.apps.engine;

import java.util.Map;

/**
 * An app with instances waiting to launch, for Marathon's {@code /v2/queue}. Immutable, JSON-friendly.
 *
 * @param appId the app
 * @param version its target version
 * @param count instances waiting to be launched
 * @param delayed whether launches wait for the back-off
 * @param delayUntil when the back-off ends (ISO-8601), or null when not delayed
 * @param backoffSeconds the back-off the last failure imposed, seconds (0 after a reset or a successful run, and
 *     0 when a previously ready instance failed and is replaced at once)
 * @param processedOffers offers looked at for this app since it last placed all it wanted
 * @param unusedOffers of those, offers that did not fit
 * @param lastUnusedOfferAt when an offer last did not fit, or null
 * @param rejectReasons per Marathon reason ({@code InsufficientCpus}, {@code InsufficientMemory},
 *     {@code InsufficientDisk}, {@code InsufficientPorts}, {@code InsufficientResources} (any other resource),
 *     {@code UnfulfilledConstraint}, {@code UnfulfilledRole}), how many offers were rejected for it
 * @param constraintRejects per constraint (its text, e.g. {@code [hostname, UNIQUE]}), how many offers failed it
 * @param lastReasons per agent hostname, the last reason in words
 */
public record QueueEntry(String appId, String version, int count, boolean delayed, String delayUntil,
    double backoffSeconds, long processedOffers, long unusedOffers, String lastUnusedOfferAt,
    Map<String, Long> rejectReasons, Map<String, Long> constraintRejects, Map<String, String> lastReasons) {
  public QueueEntry {
    rejectReasons = Map.copyOf(rejectReasons);
    constraintRejects = Map.copyOf(constraintRejects);
    lastReasons = Map.copyOf(lastReasons);
  }
}
