package dev.drover.it.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP/1.1 client for the bad-input suite: any method, any bytes, any content type; never follows redirects. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  private Http() {}

  /** One request as sent: method, full URL (already encoded), content type (null = none) and body bytes. */
  record Req(String method, String url, String contentType, byte[] body) {
    static Req get(String url) {
      return new Req("GET", url, null, null);
    }

    static Req json(String method, String url, String body) {
      return new Req(method, url, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return method + " " + url + (contentType == null ? "" : " [" + contentType + "]")
          + (body == null ? "" : " (" + body.length + " bytes) " + b);
    }
  }

  /** A status and the body as text. */
  record Res(int status, String body) {}

  static Res send(Req r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.url())).timeout(Duration.ofSeconds(20));
    if (r.contentType() != null) {
      b.header("Content-Type", r.contentType());
    }
    b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    try {
      HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(res.statusCode(), res.body());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + r, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a request line the JDK client would refuse to build (bad percent escapes, raw bytes) over a plain socket
   * and reads the status and body until the server closes.
   */
  static Res raw(String base, String method, String target) {
    URI uri = URI.create(base);
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write((method + " " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(all.substring(9, 12));
      int split = all.indexOf("\r\n\r\n");
      return new Res(status, split < 0 ? "" : all.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + method + " " + target, e);
    }
  }

  static String getOk(String url) {
    Res r = send(Req.get(url));
    if (r.status() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + r.status() + ": " + r.body());
    }
    return r.body();
  }
}
