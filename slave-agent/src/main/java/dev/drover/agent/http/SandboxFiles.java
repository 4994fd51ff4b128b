package dev.drover.agent.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves what an HTTP client asks for inside a task's sandbox, {@code <root>/<framework>/<task>/<path>}, and
 * refuses anything that would leave it: ids that are empty, {@code .}, {@code ..} or contain a slash, paths
 * that are absolute or climb out with {@code ..}, and symlinks (anywhere on the way) that point outside. Thread-safe.
 */
final class SandboxFiles {
  private final Path root;

  SandboxFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The file or directory, or empty when the request names something outside the sandbox. */
  Optional<Path> resolve(String frameworkId, String taskId, String path) {
    if (!safeId(frameworkId) || !safeId(taskId) || path == null || path.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Path sandbox = root.resolve(frameworkId).resolve(taskId).normalize();
    if (path.startsWith("/")) {
      return Optional.empty();
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        return Optional.empty();
      }
    }
    Path target = sandbox.resolve(path).normalize();
    if (!target.startsWith(sandbox)) {
      return Optional.empty();
    }
    return insideOnDisk(sandbox, target) ? Optional.of(target) : Optional.empty();
  }

  /**
   * A task may put symlinks in its sandbox; what they point to must be inside it too. A target that does not
   * exist (yet) has nothing to follow and is answered as missing.
   */
  private static boolean insideOnDisk(Path sandbox, Path target) {
    if (!Files.exists(target)) {
      return true;
    }
    try {
      return target.toRealPath().startsWith(sandbox.toRealPath());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static boolean safeId(String s) {
    return s != null && !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0
        && s.indexOf('\\') < 0 && s.indexOf('\0') < 0;
  }
}
