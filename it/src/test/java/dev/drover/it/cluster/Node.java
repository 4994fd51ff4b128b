package dev.drover.it.cluster;

import dev.drover.it.DroverProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One component of the layout that can be killed and started again with the same command line and files: a
 * ZooKeeper server, a master, an agent, an apps or a jobs instance. Its log (all of its lives) is
 * {@code <logs>/<name>.log}. Not thread-safe: the test or the chaos loop drives it.
 */
public final class Node implements AutoCloseable {
  /** What a node runs. */
  public enum Kind { ZK, MASTER, AGENT, APPS, JOBS }

  private final String name;
  private final Kind kind;
  private final int port;
  private final Path logs;
  private final Map<String, String> env;
  private final List<String> args;
  private DroverProcess process;
  private boolean stopped;

  Node(String name, Kind kind, int port, Path logs, Map<String, String> env, List<String> args) {
    this.name = name;
    this.kind = kind;
    this.port = port;
    this.logs = logs;
    this.env = env;
    this.args = args;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** Its HTTP port (the client port for ZooKeeper). */
  public int port() {
    return port;
  }

  /** Starts it (again); a running node is left alone. */
  public Node start() throws IOException {
    if (process == null || !process.isAlive()) {
      process = DroverProcess.start(name, logs, env, args.toArray(String[]::new));
      stopped = false;
    }
    return this;
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return logs.resolve(name + ".log");
  }

  /** SIGKILL: no shutdown hook, its ZooKeeper session ends only when it expires. */
  public void kill9() throws IOException, InterruptedException {
    cont();
    if (process != null) {
      process.kill9();
    }
  }

  /** SIGSTOP: the process stalls, its sockets stay open. */
  public void stop() throws IOException, InterruptedException {
    signal("-STOP");
    stopped = true;
  }

  /** SIGCONT after {@link #stop}. */
  public void cont() throws IOException, InterruptedException {
    if (stopped) {
      signal("-CONT");
      stopped = false;
    }
  }

  private void signal(String sig) throws IOException, InterruptedException {
    if (alive()) {
      new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start().waitFor();
    }
  }

  @Override
  public void close() throws Exception {
    cont();
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
