package dev.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import dev.drover.cli.ops.AgentsCommand;
import dev.drover.cli.ops.CompletionCommand;
import dev.drover.cli.ops.DeploymentsCommand;
import dev.drover.cli.ops.LogsCommand;
import dev.drover.cli.ops.StatusCommand;
import dev.drover.cli.ops.TasksCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code drover} command: starts Drover's components, alone or all together ({@code drover local}). */
@Command(name = "drover", mixinStandardHelpOptions = true, versionProvider = Drover.Version.class,
    description = "Drover: a resource-offer cluster manager (master, agents, apps and jobs frameworks).",
    footer = {"", "Every flag has an environment twin: --http-port is DROVER_HTTP_PORT, --zk is DROVER_ZK.",
        "A properties file named by DROVER_CONFIG (keys are flag names: http-port=5050) supplies the rest."},
    subcommands = {LocalCommand.class, ZkCommand.class, MasterCommand.class, AgentCommand.class,
        AppsCommand.class, JobsCommand.class, RouterCommand.class, CertsCommand.class, CommandLine.HelpCommand.class})
public final class Drover implements Runnable {
  private static final String[] ENV_FOOTER = {"",
      "Every flag has an environment twin: --http-port is DROVER_HTTP_PORT, --zk is DROVER_ZK.",
      "A properties file named by DROVER_CONFIG (keys are flag names: http-port=5050) supplies the rest."};

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
      description = "Log lines as text or as JSON objects (default: ${DEFAULT-VALUE})", defaultValue = "text")
  String logFormat;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; long-running commands return when they are stopped. */
  public static int run(String... args) {
    String configPath = System.getenv("DROVER_CONFIG");
    Properties file = configPath == null || configPath.isBlank() ? new Properties()
        : EnvDefaults.load(Path.of(configPath));
    LogFormat.apply(LogFormat.requested(List.of(args), System.getenv(), file));
    CommandLine cli = commandLine(System.getenv(), file);
    return cli.execute(args);
  }

  /**
   * Runs a command in this JVM with its output and errors going to {@code out} and {@code err} (for tests and
   * embedding): flags default from the environment as in {@link #run}; returns the exit code.
   */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine(System.getenv(), new Properties());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /**
   * The whole command tree with flags defaulting from {@code env} and {@code file}, failures printed in one line
   * (no stack trace), and the environment footer on every command's help.
   */
  static CommandLine commandLine(java.util.Map<String, String> env, Properties file) {
    CommandLine cli = new CommandLine(new Drover());
    // The operator commands (docs/cli.md); added here rather than in @Command so each component's own list stays
    // a one-line change for whoever adds a component.
    for (Object op : new Object[] {new StatusCommand(), new AgentsCommand(), new TasksCommand(), new LogsCommand(),
        new DeploymentsCommand(), new CompletionCommand()}) {
      cli.addSubcommand(op);
    }
    cli.setDefaultValueProvider(new EnvDefaults(env, file))
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName(" ") + ": " + describe(e));
          return 1;
        });
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().usageMessage().footer(ENV_FOOTER);
    }
    return cli;
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
