package dev.drover.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.model.AppJson;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Runs a request's work off the event loop (changes on the serial writer) and answers on the request's context. */
final class Exec {
  private final Executor writer;
  private final Executor readers;
  private final java.util.function.BooleanSupplier leading;

  Exec(Executor writer, Executor readers, java.util.function.BooleanSupplier leading) {
    this.writer = writer;
    this.readers = readers;
    this.leading = leading;
  }

  /**
   * Work that changes state: one at a time, in arrival order, and only while leading (a change queued before
   * leadership was lost is refused with 503, not carried out).
   */
  void write(RoutingContext ctx, Callable<Reply> work) {
    run(ctx, () -> leading.getAsBoolean() ? work.call()
        : Reply.of(503, Views.message("Not leading any more; retry (the request is sent to the new leader)")),
        writer);
  }

  /** Work that only reads snapshots. */
  void read(RoutingContext ctx, Callable<Reply> work) {
    run(ctx, work, readers);
  }

  private static void run(RoutingContext ctx, Callable<Reply> work, Executor on) {
    Context context = ctx.vertx().getOrCreateContext();
    CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception | Error e) {
        return Reply.error(e);
      }
    }, on).exceptionally(Reply::error).thenAccept(r -> context.runOnContext(v -> send(ctx, r)));
  }

  static void send(RoutingContext ctx, Reply r) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    r.headers().forEach(ctx.response()::putHeader);
    ctx.response().setStatusCode(r.status());
    if (r.raw() != null) {
      ctx.response().putHeader("content-type", "application/json; charset=utf-8")
          .end(r.raw());
    } else if (r.body() == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("content-type", "application/json; charset=utf-8")
          .end(io.vertx.core.buffer.Buffer.buffer(AppJson.bytes(r.body())));
    }
  }

  /** The request body as JSON (strict UTF-8, nothing after the value), or null when empty. */
  static JsonNode body(RoutingContext ctx) throws java.io.IOException {
    String s = ctx.body() == null || ctx.body().buffer() == null ? null
        : dev.drover.model.Utf8.strict(ctx.body().buffer().getBytes()).orElseThrow(
            () -> new com.fasterxml.jackson.core.JsonParseException(null, "the body is not valid UTF-8"));
    return s == null || s.isBlank() ? null : AppJson.MAPPER.reader()
        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(s);
  }

  static boolean flag(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v != null && (v.isEmpty() || v.equalsIgnoreCase("true"));
  }
}
