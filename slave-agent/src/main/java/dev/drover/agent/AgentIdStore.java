package dev.drover.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The id the master gave this agent, kept in {@code <workDir>/meta/agent-id} so that a restarted agent re-registers
 * under the same id. Thread-safe: reads are of a volatile field, writes replace the file atomically.
 */
public final class AgentIdStore {
  private final Path file;
  private volatile String current;

  public AgentIdStore(Path workDir) {
    this.file = workDir.resolve("meta").resolve("agent-id");
    try {
      current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
      if (current != null && current.isEmpty()) {
        current = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read agent id from " + file, e);
    }
  }

  public Optional<String> current() {
    return Optional.ofNullable(current);
  }

  /** Persists {@code id}, then makes it current. */
  public void save(String id) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("agent-id.tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write agent id to " + file, e);
    }
    current = id;
  }

  public Path file() {
    return file;
  }
}
