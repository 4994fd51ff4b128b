package dev.drover.agent.health;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The checks themselves; each answers whether the task looked healthy, within {@code timeout}. Thread-safe. */
public final class HealthProbes {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HealthProbes() {}

  /** GET {@code scheme://127.0.0.1:port path}: healthy on 2xx and 3xx. */
  public static boolean http(String scheme, int port, String path, Duration timeout) {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
          URI.create(scheme + "://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path)))
          .timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() >= 200 && r.statusCode() < 400;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A TCP connection to 127.0.0.1:port opens. */
  public static boolean tcp(int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code argv} run on this host in {@code dir} exits 0 in time; it is killed when it does not. */
  public static boolean command(List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
