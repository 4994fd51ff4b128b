package dev.drover.bench.router;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Core pinning with {@code taskset} and the router's own JVM ({@link RouterMain}) for {@link RouterBench}. */
final class RouterProcess {
  private static final Path TASKSET = Path.of("/usr/bin/taskset");

  private RouterProcess() {}

  /** Whether this machine can give the router a core of its own: taskset is there and there are 2+ cores. */
  static boolean canPin() {
    return Files.isExecutable(TASKSET) && Runtime.getRuntime().availableProcessors() >= 2;
  }

  /** Pins every thread of this JVM (and the threads it makes from now on) to {@code core}. */
  static void pinSelf(int core) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", Integer.toString(core),
        Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("taskset failed: " + out);
    }
  }

  /** Starts the router on core 1 following {@code appsUrl}; returns its HTTP port once it listens. */
  static int start(String appsUrl, List<AutoCloseable> closers) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(TASKSET.toString(), "-c", "1", java, "-Xmx512m", "-XX:+UseParallelGC", "-cp",
        System.getProperty("java.class.path"), RouterMain.class.getName(), appsUrl, "0")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    closers.add(() -> {
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    });
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("READY ")) {
        return Integer.parseInt(line.substring("READY ".length()).trim());
      }
    }
    throw new IOException("the router process exited before it listened");
  }

  /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
  static void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("nothing listens on " + port + " after " + timeout.toSeconds() + " s", e);
        }
        Thread.sleep(20);
      }
    }
  }
}
