package dev.drover.bench.failover;

import dev.drover.master.Master;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A master the failover run can ask "do you lead?" and stop: in this JVM (closed) or its own (SIGKILL). */
interface MasterHandle extends AutoCloseable {
  boolean isLeader();

  /** CPU seconds its process has used (user + system), or -1 when not known (in this JVM). */
  default double cpuSeconds() {
    return -1;
  }

  /** CPU seconds process {@code pid} has used, from /proc (Linux); -1 when it cannot be read. */
  static double cpuSecondsOf(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;  // utime, stime in clock ticks (USER_HZ 100)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Stops it the way the run measures: close in-process, kill -9 in its own JVM. */
  void stop() throws Exception;

  static MasterHandle inProcess(String zk) {
    Master m = Master.start(MasterMain.config(zk));
    return new MasterHandle() {
      public boolean isLeader() {
        return m.isLeader();
      }

      public void stop() {
        m.close();
      }

      public void close() {
        m.close();
      }
    };
  }

  static MasterHandle ownJvm(String zk, Path log) throws IOException {
    int http = freePort();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-XX:+UseG1GC"));
    String extra = System.getProperty("masterJvmOpts", "").trim();  // e.g. a JFR recording, for profiling
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MasterMain.class.getName(), zk,
        Integer.toString(http), Integer.toString(freePort())));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health"))
        .timeout(Duration.ofMillis(500)).build();
    return new MasterHandle() {
      public boolean isLeader() {
        try {
          return client.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"leader\":true");
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }

      public double cpuSeconds() {
        return MasterHandle.cpuSecondsOf(p.pid());
      }

      public void stop() throws InterruptedException {
        p.destroyForcibly();  // SIGKILL: no shutdown hook, its ZooKeeper session must expire
        p.waitFor(10, TimeUnit.SECONDS);
      }

      public void close() throws InterruptedException {
        stop();
      }
    };
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
