package dev.drover.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a flag not given on the command line takes its value from, in order: its environment twin ({@code
 * --http-port} ⇔ {@code DROVER_HTTP_PORT}), then the config file ({@code http-port=5050}, a properties file named by
 * {@code --config} or {@code DROVER_CONFIG}), then the flag's built-in default.
 */
final class EnvDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;
  private final Properties file;

  EnvDefaults(Map<String, String> env, Properties file) {
    this.env = env;
    this.file = file;
  }

  /** The environment variable that stands in for a long option, e.g. {@code --work-dir} → {@code DROVER_WORK_DIR}. */
  static String envName(String longOption) {
    return "DROVER_" + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return p;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String name = option.longestName();
    String fromEnv = env.get(envName(name));
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    return file.getProperty(name.replaceFirst("^-+", ""));
  }
}
