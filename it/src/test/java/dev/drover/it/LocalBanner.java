package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code drover local} printed once it was up: its banner's lines ({@code "  master      http://..."}) read
 * from the process log, by label; and the small HTTP helpers {@link LocalIT} uses on the printed URLs.
 */
final class LocalBanner {
  private static final Pattern LINE = Pattern.compile("^  (ZooKeeper|master|agent-\\d+|apps|jobs|work dir) +(.+)$");
  private static final Pattern URL = Pattern.compile("^(http://[^ /]+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> lines;

  private LocalBanner(Map<String, String> lines) {
    this.lines = lines;
  }

  /** Waits until the log holds the whole banner (it ends with "Press Ctrl-C to stop."). */
  static LocalBanner await(Path log, Duration timeout) throws InterruptedException {
    AtomicReference<String> text = new AtomicReference<>("");
    Await.until("drover local prints its banner in " + log, timeout, () -> {
      text.set(read(log));
      return text.get().contains("Press Ctrl-C to stop.");
    });
    Map<String, String> lines = new LinkedHashMap<>();
    String banner = text.get().substring(text.get().lastIndexOf("is running locally."));
    for (String line : banner.split("\n")) {
      Matcher m = LINE.matcher(line.stripTrailing());
      if (m.matches()) {
        lines.put(m.group(1), m.group(2).trim());
      }
    }
    return new LocalBanner(lines);
  }

  /** The text after a label, e.g. {@code line("ZooKeeper")} is the connect string. */
  String line(String label) {
    String line = lines.get(label);
    if (line == null) {
      throw new AssertionError("the banner has no '" + label + "' line: " + lines);
    }
    return line;
  }

  /** The URL a label's line starts with, e.g. {@code http://127.0.0.1:5050}. */
  String url(String label) {
    Matcher m = URL.matcher(line(label));
    if (!m.find()) {
      throw new AssertionError("no URL on the banner's '" + label + "' line: " + line(label));
    }
    return m.group(1);
  }

  /** A free port whose successor is free too (the master's HTTP port, then its gRPC port). */
  static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      int port = Await.freePort();
      try (java.net.ServerSocket next = new java.net.ServerSocket(port + 1, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no two consecutive free ports");
  }

  static String get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET()).body();
  }

  static JsonNode getJson(String url) {
    try {
      return JSON.readTree(get(url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int post(String url, String json) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))).statusCode();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
