package dev.drover.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Drover component running as its own JVM ({@code java dev.drover.cli.Drover <args>}), with its output in a
 * log file under target/. {@link #kill9} is a real SIGKILL.
 */
public final class DroverProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private DroverProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static DroverProcess start(String name, Path logDir, String... args) throws IOException {
    return start(name, logDir, java.util.Map.of(), args);
  }

  /** Starts {@code drover <args>} with {@code env} added to this JVM's environment (e.g. DROVER_CONFIG). */
  public static DroverProcess start(String name, Path logDir, java.util.Map<String, String> env, String... args)
      throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.drover.cli.Drover");
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    return new DroverProcess(name, p, log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs, ZooKeeper notices only when the session expires. */
  public void kill9() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
