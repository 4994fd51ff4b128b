package dev.drover.agent.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A task's sandbox over HTTP:
 * <ul>
 *   <li>{@code GET /files/:framework/:task/browse?path=} lists a directory (default the sandbox itself);</li>
 *   <li>{@code GET /files/:framework/:task/read?path=&offset=&length=} reads up to {@code length} bytes (default
 *       and at most 1 MiB) from {@code offset}; answers {@code {offset, length, size, data}};</li>
 *   <li>{@code GET /files/:framework/:task/follow?path=stdout&offset=} streams what is appended as Server-Sent
 *       Events, each {@code data: {"offset":..,"data":".."}}, until the client goes away.</li>
 * </ul>
 * A path that leaves the sandbox answers 400; a missing file 404. File reads are small and run on a worker.
 */
final class SandboxRoutes {
  static final int MAX_READ = 1 << 20;
  private static final long FOLLOW_POLL_MS = 200;

  private final Vertx vertx;
  private final SandboxFiles files;

  SandboxRoutes(Vertx vertx, Path sandboxRoot) {
    this.vertx = vertx;
    this.files = new SandboxFiles(sandboxRoot);
  }

  void mount(Router router) {
    router.get("/files/:framework/:task/browse").blockingHandler(this::browse, false);
    router.get("/files/:framework/:task/read").blockingHandler(this::read, false);
    router.get("/files/:framework/:task/follow").handler(this::follow);
  }

  private Optional<Path> target(RoutingContext ctx, String defaultPath) {
    String path = Optional.ofNullable(ctx.request().getParam("path")).orElse(defaultPath);
    Optional<Path> p = files.resolve(ctx.pathParam("framework"), ctx.pathParam("task"), path);
    if (p.isEmpty()) {
      error(ctx, 400, "path '" + path + "' is outside the task's sandbox");
    } else if (!Files.exists(p.get())) {
      error(ctx, 404, "no such file: " + path);
      return Optional.empty();
    }
    return p;
  }

  private void browse(RoutingContext ctx) {
    Optional<Path> dir = target(ctx, "");
    if (dir.isEmpty()) {
      return;
    }
    if (!Files.isDirectory(dir.get())) {
      error(ctx, 400, "not a directory");
      return;
    }
    JsonArray out = new JsonArray();
    try (Stream<Path> list = Files.list(dir.get())) {
      for (Path p : list.sorted().toList()) {
        boolean d = Files.isDirectory(p);
        out.add(new JsonObject().put("name", p.getFileName().toString()).put("dir", d)
            .put("size", d ? 0 : Files.size(p)).put("mtime", Files.getLastModifiedTime(p).toMillis()));
      }
    } catch (IOException e) {
      error(ctx, 500, e.toString());
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
  }

  private void read(RoutingContext ctx) {
    Optional<Path> file = target(ctx, "stdout");
    if (file.isEmpty()) {
      return;
    }
    long offset;
    int length;
    try {
      offset = Long.parseLong(Optional.ofNullable(ctx.request().getParam("offset")).orElse("0"));
      long asked = Long.parseLong(Optional.ofNullable(ctx.request().getParam("length"))
          .orElse(Integer.toString(MAX_READ)));
      length = (int) Math.min(MAX_READ, asked);  // checked below, after the cast: Long.MIN_VALUE casts to 0
      if (offset < 0 || asked < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      error(ctx, 400, "offset and length must be non-negative integers");
      return;
    }
    try (RandomAccessFile f = new RandomAccessFile(file.get().toFile(), "r")) {
      long size = f.length();
      byte[] data = chunk(f, offset, length);
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("offset", offset)
          .put("length", data.length).put("size", size).put("data", new String(data, StandardCharsets.UTF_8))
          .encode());
    } catch (IOException e) {
      error(ctx, 400, "not a readable file: " + e.getMessage());
    }
  }

  private void follow(RoutingContext ctx) {
    Optional<Path> file = target(ctx, "stdout");
    if (file.isEmpty()) {
      return;
    }
    long start;
    try {
      start = Long.parseLong(Optional.ofNullable(ctx.request().getParam("offset")).orElse("0"));
      if (start < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      error(ctx, 400, "offset must be a non-negative integer");
      return;
    }
    if (Files.isDirectory(file.get())) {
      error(ctx, 400, "path: not a file");
      return;
    }
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    response.write(": following " + file.get().getFileName() + "\n\n");
    long[] offset = {start};
    boolean[] busy = {false};
    long timer = vertx.setPeriodic(FOLLOW_POLL_MS, id -> {
      if (busy[0]) {
        return;
      }
      busy[0] = true;
      vertx.<byte[]>executeBlocking(() -> {
        try (RandomAccessFile f = new RandomAccessFile(file.get().toFile(), "r")) {
          return chunk(f, offset[0], 64 * 1024);
        }
      }, false).onComplete(r -> {
        busy[0] = false;
        if (r.succeeded() && r.result().length > 0 && !response.closed()) {
          JsonObject event = new JsonObject().put("offset", offset[0])
              .put("data", new String(r.result(), StandardCharsets.UTF_8));
          offset[0] += r.result().length;
          response.write("data: " + event.encode() + "\n\n");
        }
      });
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  private static byte[] chunk(RandomAccessFile f, long offset, int max) throws IOException {
    long size = f.length();
    if (offset >= size) {
      return new byte[0];
    }
    byte[] data = new byte[(int) Math.min(max, size - offset)];
    f.seek(offset);
    f.readFully(data);
    return data;
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
