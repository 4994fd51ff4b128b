package dev.drover.apps.engine.launch;

import java.util.Optional;

/**
 * Task ids: {@code <app id without its leading slash, '/' replaced by '_'>.instance-<uuid>}, e.g.
 * {@code prod_web.instance-6f1c…} for {@code /prod/web} — Marathon's form (Marathon app ids contain no '_', so the
 * app id can be read back).
 */
public final class TaskIds {
  private TaskIds() {}

  static final String MARKER = ".instance-";

  /** A task id for {@code appId} with the unique part {@code uuid}. */
  public static String of(String appId, String uuid) {
    return appId.substring(1).replace('/', '_') + MARKER + uuid;
  }

  /** The app id a task id belongs to, if it has this form. */
  public static Optional<String> appId(String taskId) {
    int i = taskId.lastIndexOf(MARKER);
    return i <= 0 ? Optional.empty() : Optional.of("/" + taskId.substring(0, i).replace('_', '/'));
  }
}
