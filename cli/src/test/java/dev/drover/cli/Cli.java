package dev.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** Runs the drover command tree in this JVM with captured output, as a test would type it. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    CommandLine cli = Drover.commandLine(Map.of(), new Properties());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }
}
