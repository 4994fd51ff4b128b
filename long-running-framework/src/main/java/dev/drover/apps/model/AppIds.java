package dev.drover.apps.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Marathon's path ids: {@code /prod/web}. Each segment is lower-case letters, digits, dots and dashes, starting and
 * ending with a letter or digit; relative ids ({@code web}, {@code ../db}) resolve against a base group.
 */
public final class AppIds {
  /** One id segment, as Marathon's rule. */
  public static final Pattern SEGMENT =
      Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$");

  private AppIds() {}

  /**
   * {@code id} made absolute against {@code base} (an absolute group id, "/" for the root), with "." and ".."
   * resolved; empty when a segment breaks the rule or ".." climbs above the root.
   */
  public static Optional<String> resolve(String id, String base) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    Deque<String> parts = new ArrayDeque<>();
    if (!id.startsWith("/")) {
      for (String s : base.split("/")) {
        if (!s.isEmpty()) {
          parts.addLast(s);
        }
      }
    }
    for (String s : id.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else if (SEGMENT.matcher(s).matches()) {
        parts.addLast(s);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of("/" + String.join("/", parts));
  }

  /** The group an absolute id belongs to: {@code /prod} for {@code /prod/web}, "/" for {@code /web}. */
  public static String parent(String absoluteId) {
    int i = absoluteId.lastIndexOf('/');
    return i <= 0 ? "/" : absoluteId.substring(0, i);
  }
}
