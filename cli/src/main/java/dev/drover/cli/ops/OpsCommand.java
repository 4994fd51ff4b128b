package dev.drover.cli.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the operator commands: the connection options, the output writers, and printing a result as a table or
 * as JSON. Subclasses implement {@link #execute()} and return an exit code ({@link ExitCodes}).
 */
public abstract class OpsCommand implements Callable<Integer> {
  @Mixin protected Connection conn;

  @Spec protected CommandSpec spec;

  protected abstract int execute();

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (ApiException e) {
      err().println("drover " + spec.qualifiedName(" ").replaceFirst("^drover ", "") + ": " + e.getMessage());
      return e.exitCode();
    }
  }

  protected MasterClient api() {
    return conn.client();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints {@code json} as indented JSON with {@code --output json}, else the table {@code table} builds. */
  protected int print(JsonNode json, Supplier<Table> table) {
    if (conn.output() == Connection.Output.json) {
      out().println(pretty(json));
    } else {
      out().print(table.get().render());
    }
    out().flush();
    return ExitCodes.OK;
  }

  static String pretty(JsonNode json) {
    try {
      return MasterClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new ApiException("cannot print JSON: " + e.getMessage());
    }
  }

  /** A short text for a resources object: {@code cpus:2 mem:1024 disk:0}. */
  static String resources(JsonNode r) {
    StringBuilder s = new StringBuilder();
    r.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("ports")) {
        s.append(s.length() > 0 ? " " : "").append(e.getKey()).append(':').append(number(e.getValue()));
      }
    });
    return s.toString();
  }

  static String number(JsonNode n) {
    if (n.isNumber()) {
      double d = n.asDouble();
      return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    return n.asText();
  }
}
