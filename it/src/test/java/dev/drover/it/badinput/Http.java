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
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.url())).timeout(Duration.ofSeconds(30));
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

  static String getOk(String url) {
    Res r = send(Req.get(url));
    if (r.status() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + r.status() + ": " + r.body());
    }
    return r.body();
  }
}
