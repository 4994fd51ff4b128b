package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover apps list|show|add|update|scale|restart|rm|queue}: the apps framework's Marathon v2 API through the
 * leading master's {@code /frameworks/apps/...} proxy. Subcommands of the {@code drover apps} service command.
 */
public final class AppsOps {
  static final String V2 = "/frameworks/apps/v2";

  private AppsOps() {}

  /** An app id as a URL path below {@code /v2/apps/}: {@code /web/api} → {@code web/api}, segments encoded. */
  static String path(String appId) {
    List<String> parts = new ArrayList<>();
    for (String s : appId.replaceAll("^/+|/+$", "").split("/+")) {
      parts.add(MasterClient.enc(s));
    }
    return String.join("/", parts);
  }

  static String absolute(String appId) {
    return appId.startsWith("/") ? appId : "/" + appId;
  }

  /** Reads an app or job definition from a file, or standard input for {@code -}. */
  static JsonNode readDefinition(String file) {
    try {
      byte[] bytes;
      if (file.equals("-")) {
        InputStream in = System.in;
        bytes = in.readAllBytes();
      } else {
        bytes = Files.readAllBytes(Path.of(file));
      }
      return MasterClient.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ApiException("no such file: " + file);
    } catch (IOException e) {
      throw new ApiException("cannot read " + file + " as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static Table appsTable(JsonNode apps) {
    Table t = new Table("ID", "INSTANCES", "RUNNING", "HEALTHY", "STAGED", "CPUS", "MEM", "DEPLOYMENTS", "CMD");
    for (JsonNode a : apps) {
      List<String> deps = new ArrayList<>();
      a.path("deployments").forEach(d -> deps.add(d.path("id").asText()));
      String cmd = a.path("cmd").asText(a.path("container").path("docker").path("image").asText(""));
      t.row(a.path("id").asText(), a.path("instances").asInt(), a.path("tasksRunning").asInt(),
          a.path("tasksHealthy").asInt(), a.path("tasksStaged").asInt(), OpsCommand.number(a.path("cpus")),
          OpsCommand.number(a.path("mem")), String.join(",", deps),
          cmd.length() > 40 ? cmd.substring(0, 37) + "..." : cmd);
    }
    return t;
  }

  /** {@code drover apps list}: see the command's description. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List apps with their instances.")
  public static final class ListApps extends OpsCommand {
    @Override
    protected int execute() {
      JsonNode apps = api().get(V2 + "/apps").path("apps");
      return print(apps, () -> appsTable(apps));
    }
  }

  /** {@code drover apps show}: see the command's description. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "One app with its tasks.")
  public static final class Show extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    protected int execute() {
      JsonNode app = api().get(V2 + "/apps/" + path(id)).path("app");
      if (conn.output() == Connection.Output.json) {
        return print(app, null);
      }
      Table tasks = new Table("TASK", "STATE", "HOST", "PORTS", "STARTED", "VERSION");
      for (JsonNode task : app.path("tasks")) {
        tasks.row(task.path("id").asText(), task.path("state").asText(), task.path("host").asText(),
            task.path("ports").toString(), task.path("startedAt").asText(""), task.path("version").asText());
      }
      out().print(appsTable(MasterClient.JSON.createArrayNode().add(app)).render() + "\n" + tasks.render());
      out().flush();
      return ExitCodes.OK;
    }
  }

  /** {@code drover apps add}: see the command's description. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create an app from a Marathon app JSON file (- for standard input).")
  public static final class Add extends OpsCommand {
    @Parameters(paramLabel = "FILE") String file;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      JsonNode app = readDefinition(file);
      return wait.run(this, List.of(idOf(app, file)), () -> api().send("POST", V2 + "/apps", app.toString()));
    }
  }

  /** The URL of app {@code id} (then {@code suffix}), asking to cancel a deployment in flight when {@code force}. */
  static String appUrl(String id, String suffix, boolean force) {
    return V2 + "/apps/" + path(id) + suffix + (force ? "?force=true" : "");
  }

  /** The absolute id of the app read from {@code file}; refused when it has none. */
  static String idOf(JsonNode app, String file) {
    if (!app.hasNonNull("id")) {
      throw new ApiException(file + ": the app has no \"id\"");
    }
    return absolute(app.path("id").asText());
  }

  /** {@code drover apps update}: see the command's description. */
  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Update an app from a JSON file (- for standard input); its fields are merged into the app.")
  public static final class Update extends OpsCommand {
    @Parameters(paramLabel = "FILE") String file;
    @Option(names = "--force", description = "Cancel a deployment in flight that touches the app") boolean force;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      JsonNode app = readDefinition(file);
      String id = idOf(app, file);
      return wait.run(this, List.of(id),
          () -> api().send("PUT", appUrl(id, "", force), app.toString()));
    }
  }

  /** {@code drover apps scale}: see the command's description. */
  @Command(name = "scale", mixinStandardHelpOptions = true, description = "Set an app's number of instances.")
  public static final class Scale extends OpsCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "N", description = "Instances, 0 or more") int instances;
    @Option(names = "--force", description = "Cancel a deployment in flight that touches the app") boolean force;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      if (instances < 0) {
        throw new ApiException("N must be 0 or more, not " + instances, ExitCodes.USAGE);
      }
      ObjectNode body = MasterClient.JSON.createObjectNode().put("instances", instances);
      return wait.run(this, List.of(absolute(id)),
          () -> api().send("PUT", appUrl(id, "", force), body.toString()));
    }
  }

  /** {@code drover apps restart}: see the command's description. */
  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "Replace every instance of an app under its upgrade strategy.")
  public static final class Restart extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--force", description = "Cancel a deployment in flight that touches the app") boolean force;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      return wait.run(this, List.of(absolute(id)), () -> api().send("POST", appUrl(id, "/restart", force), null));
    }
  }

  /** {@code drover apps rm}: see the command's description. */
  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove an app; its instances are killed.")
  public static final class Remove extends OpsCommand {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--force", description = "Cancel a deployment in flight that touches the app") boolean force;
    @Mixin WaitOptions wait;

    @Override
    protected int execute() {
      return wait.run(this, List.of(absolute(id)), () -> api().send("DELETE", appUrl(id, "", force), null));
    }
  }

  /** {@code drover apps queue}: see the command's description. */
  @Command(name = "queue", mixinStandardHelpOptions = true,
      description = "Why an app's instances wait: the offers that did not fit, and why.")
  public static final class Queue extends OpsCommand {
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The app (all waiting apps without it)") String id;

    @Override
    protected int execute() {
      var entries = MasterClient.JSON.createArrayNode();
      for (JsonNode q : api().get(V2 + "/queue").path("queue")) {
        if (id == null || q.path("app").path("id").asText().equals(absolute(id))) {
          entries.add(q);
        }
      }
      if (id != null && entries.isEmpty()) {
        api().get(V2 + "/apps/" + path(id));
        if (conn.output() == Connection.Output.table) {
          out().println(absolute(id) + ": nothing waits");
          out().flush();
          return ExitCodes.OK;
        }
      }
      return print(entries, () -> queueTable(entries));
    }
  }

  static Table queueTable(JsonNode entries) {
    Table t = new Table("APP", "WAITING", "REASON", "OFFERS DECLINED");
    for (JsonNode q : entries) {
      String app = q.path("app").path("id").asText();
      t.row(app, q.path("count").asInt(), "", "");
      for (JsonNode r : q.path("processedOffersSummary").path("rejectSummaryLastOffers")) {
        if (r.path("declined").asInt() > 0) {
          t.row("", "", r.path("reason").asText(), r.path("declined").asInt() + " of " + r.path("processed").asInt());
        }
      }
      q.path("lastUnusedOfferReasons").fields().forEachRemaining(e ->
          t.row("", "", e.getKey() + ": " + e.getValue().asText(), ""));
    }
    return t;
  }
}
