package dev.drover.apps.engine.placement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why offers did not fit one app in one round, counted per offer. Mutable; owned by the engine's loop.
 */
public final class Rejects {
  final Map<String, Long> reasons = new LinkedHashMap<>();
  final Map<String, Long> constraints = new LinkedHashMap<>();
  final Map<String, String> lastByHost = new LinkedHashMap<>();
  long processed;
  private static final java.util.regex.Pattern RESOURCE = java.util.regex.Pattern.compile("([A-Za-z0-9_.-]+) \\(wanted");
  long unused;

  public Map<String, Long> reasons() {
    return reasons;
  }

  public Map<String, Long> constraints() {
    return constraints;
  }

  public Map<String, String> lastByHost() {
    return lastByHost;
  }

  public long processed() {
    return processed;
  }

  public long unused() {
    return unused;
  }

  /** Adds another round's counts to these. */
  public void addAll(Rejects other) {
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    other.constraints.forEach((k, v) -> constraints.merge(k, v, Long::sum));
    lastByHost.putAll(other.lastByHost);
    processed += other.processed;
    unused += other.unused;
  }

  /** Counts one offer (on {@code host}) rejected for {@code reason}, a reason text of the SDK's placement. */
  void count(String host, String reason) {
    unused++;
    lastByHost.put(host, reason);
    if (reason.startsWith("role: ")) {
      reasons.merge("UnfulfilledRole", 1L, Long::sum);
      return;
    }
    if (reason.startsWith("constraint ")) {
      reasons.merge("UnfulfilledConstraint", 1L, Long::sum);
      int end = reason.indexOf(" failed:");
      constraints.merge(reason.substring("constraint ".length(), end < 0 ? reason.length() : end), 1L, Long::sum);
      return;
    }
    boolean any = false;
    java.util.regex.Matcher m = RESOURCE.matcher(reason);
    while (m.find()) {
      String key = switch (m.group(1)) {
        case "cpus" -> "InsufficientCpus";
        case "mem" -> "InsufficientMemory";
        case "disk" -> "InsufficientDisk";
        case "ports" -> "InsufficientPorts";
        case "gpus" -> "InsufficientGpus";
        default -> "InsufficientResources";
      };
      reasons.merge(key, 1L, Long::sum);
      any = true;
    }
    if (!any) {
      reasons.merge("InsufficientResources", 1L, Long::sum);
    }
  }
}
