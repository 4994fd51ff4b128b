package dev.drover.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The log format of every component: {@code text} (logback.xml) or {@code json} (logback-json.xml: one JSON object
 * per line, logback's own {@code JsonEncoder}). Chosen by {@code --log-format} (any command, an inherited option),
 * else {@code DROVER_LOG_FORMAT}, else {@code log-format} in the {@code DROVER_CONFIG} file. The distribution's
 * {@code conf/logback-json.xml} is used when {@code -Dlogback.configurationFile} names a file beside it.
 */
final class LogFormat {
  private LogFormat() {}

  /** The format asked for by the arguments, the environment or the config file; {@code text} when none. */
  static String requested(List<String> args, Map<String, String> env, java.util.Properties file) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--log-format") && i + 1 < args.size()) {
        return args.get(i + 1).toLowerCase(Locale.ROOT);
      }
      if (a.startsWith("--log-format=")) {
        return a.substring("--log-format=".length()).toLowerCase(Locale.ROOT);
      }
    }
    String v = env.get("DROVER_LOG_FORMAT");
    if (v == null || v.isBlank()) {
      v = file.getProperty("log-format", "text");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** Reconfigures logback for JSON lines when {@code format} is {@code json}; text needs nothing. */
  static void apply(String format) {
    if (!"json".equals(format) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL config = LogFormat.class.getResource("/logback-json.xml");
    String configured = System.getProperty("logback.configurationFile");
    try {
      if (configured != null) {
        Path sibling = Path.of(configured).resolveSibling("logback-json.xml");
        if (Files.isRegularFile(sibling)) {
          config = sibling.toUri().toURL();
        }
      }
      context.reset();
      JoranConfigurator joran = new JoranConfigurator();
      joran.setContext(context);
      joran.doConfigure(config);
    } catch (JoranException | java.net.MalformedURLException | java.nio.file.InvalidPathException e) {
      System.err.println("drover: cannot configure JSON logs: " + e.getMessage());
    }
  }
}
