package dev.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command: starts Drover's components, alone or all together ({@code drover local}). */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = Drover.Version.class,
    description = "Drover: a resource-offer cluster manager (master, agents, apps and jobs frameworks).",
    footer = {"", "Every flag has an environment twin: --http-port is DROVER_HTTP_PORT, --zk is DROVER_ZK.",
        "A properties file named by DROVER_CONFIG (keys are flag names: http-port=5050) supplies the rest."},
    subcommands = {LocalCommand.class, ZkCommand.class, MasterCommand.class, AgentCommand.class,
        AppsCommand.class, JobsCommand.class, CertsCommand.class, CommandLine.HelpCommand.class})
public final class Drover implements Runnable {
  private static final String[] ENV_FOOTER = {"",
      "Every flag has an environment twin: --http-port is DROVER_HTTP_PORT, --zk is DROVER_ZK.",
      "A properties file named by DROVER_CONFIG (keys are flag names: http-port=5050) supplies the rest."};

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; long-running commands return when they are stopped. */
  public static int run(String... args) {
    String configPath = System.getenv("DROVER_CONFIG");
    Properties file = configPath == null || configPath.isBlank() ? new Properties()
        : EnvDefaults.load(Path.of(configPath));
    CommandLine cli = new CommandLine(new Drover())
        .setDefaultValueProvider(new EnvDefaults(System.getenv(), file))
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("drover " + cmd.getCommandName() + ": " + describe(e));
          return 1;
        });
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().usageMessage().footer(ENV_FOOTER);
    }
    return cli.execute(args);
  }

  /** The cause of a failure in one line, for people: no stack trace. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
        || t instanceof java.lang.reflect.InvocationTargetException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The build's version, from drover-version.properties. */
  static String version() {
    try (InputStream in = Drover.class.getResourceAsStream("/drover-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"drover " + version()};
    }
  }
}
