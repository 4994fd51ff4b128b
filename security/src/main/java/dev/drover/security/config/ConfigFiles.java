package dev.drover.security.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the security files (settings, credentials, ACLs) as YAML, which JSON also is. Unknown fields are errors, so
 * a misspelt setting is not silently ignored. Thread-safe.
 */
public final class ConfigFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .findAndRegisterModules();

  private ConfigFiles() {}

  /**
   * Reads {@code file} as {@code type}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return YAML.readValue(file.toFile(), type);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A secret read from a file, trimmed (a trailing newline is not part of it). */
  public static String secret(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the secret file " + file + ": " + e.getMessage(), e);
    }
  }
}
