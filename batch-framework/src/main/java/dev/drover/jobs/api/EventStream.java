package dev.drover.jobs.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.EngineListener;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunJson;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code GET /v1/events}: a server-sent event stream of job and run changes ({@code event: job_created |
 * job_updated | job_deleted | job_run_<status>}, {@code data:} the job or run JSON). Thread-safe: the engine loop
 * publishes, each subscriber's writes run on its own Vert.x context.
 */
final class EventStream implements EngineListener {
  private final Map<HttpServerResponse, Context> subscribers = new ConcurrentHashMap<>();
  private final Supplier<String> frameworkId;

  EventStream(Supplier<String> frameworkId) {
    this.frameworkId = frameworkId;
  }

  void subscribe(RoutingContext ctx) {
    HttpServerResponse r = ctx.response();
    r.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    r.write(": connected\n\n");
    Context c = ctx.vertx().getOrCreateContext();
    subscribers.put(r, c);
    r.closeHandler(v -> subscribers.remove(r));
    ctx.request().connection().closeHandler(v -> subscribers.remove(r));
  }

  @Override
  public void run(JobRun before, JobRun after) {
    if (before == null || before.status() != after.status()) {
      publish("job_run_" + after.status().name().toLowerCase(), RunJson.render(after, frameworkId.get()));
    }
  }

  @Override
  public void job(String what, JobSpec spec) {
    publish("job_" + what, dev.drover.jobs.job.JobJson.render(spec, true));
  }

  private void publish(String type, ObjectNode data) {
    if (subscribers.isEmpty()) {
      return;
    }
    String frame = "event: " + type + "\ndata: " + data.toString() + "\n\n";
    subscribers.forEach((r, c) -> c.runOnContext(v -> {
      if (!r.closed() && !r.ended()) {
        r.write(frame);
      }
    }));
  }
}
