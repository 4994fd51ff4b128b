package dev.drover.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.Dag;
import dev.drover.jobs.engine.EngineLoop;
import dev.drover.jobs.engine.JobState;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.jobs.engine.Rejected;
import dev.drover.jobs.job.Invalid;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.job.ScheduleSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Metronome v1 REST API on the leader. Every handler runs its engine work as one command on the engine loop and
 * answers from the result; nothing here touches engine state directly. Built once per leadership term.
 */
final class JobsRoutes {
  private final EngineLoop loop;
  private final JobsEngine engine;
  private final java.util.function.Supplier<String> frameworkId;

  JobsRoutes(EngineLoop loop, JobsEngine engine, java.util.function.Supplier<String> frameworkId) {
    this.loop = loop;
    this.engine = engine;
    this.frameworkId = frameworkId;
  }

  /** Mounts the routes; {@code gate} must run first (proxying to the leader when this instance does not lead). */
  static void mount(Router router, java.util.function.Supplier<JobsRoutes> current) {
    router.route("/v1/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    Function<java.util.function.BiConsumer<JobsRoutes, RoutingContext>, io.vertx.core.Handler<RoutingContext>> on =
        h -> ctx -> {
          JobsRoutes r = current.get();
          if (r == null) {
            Replies.error(ctx, 503, "this instance is becoming the leader; retry shortly");
          } else {
            h.accept(r, ctx);
          }
        };
    router.get("/v1/jobs").handler(on.apply(JobsRoutes::list));
    router.post("/v1/jobs").handler(on.apply(JobsRoutes::create));
    router.get("/v1/jobs/:id").handler(on.apply(JobsRoutes::get));
    router.put("/v1/jobs/:id").handler(on.apply(JobsRoutes::update));
    router.delete("/v1/jobs/:id").handler(on.apply(JobsRoutes::delete));
    router.get("/v1/jobs/:id/schedules").handler(on.apply(JobsRoutes::schedules));
    router.post("/v1/jobs/:id/schedules").handler(on.apply(JobsRoutes::addSchedule));
    router.get("/v1/jobs/:id/schedules/:sid").handler(on.apply(JobsRoutes::schedule));
    router.put("/v1/jobs/:id/schedules/:sid").handler(on.apply(JobsRoutes::putSchedule));
    router.delete("/v1/jobs/:id/schedules/:sid").handler(on.apply(JobsRoutes::deleteSchedule));
    router.get("/v1/jobs/:id/runs").handler(on.apply(JobsRoutes::runs));
    router.post("/v1/jobs/:id/runs").handler(on.apply(JobsRoutes::startRun));
    router.get("/v1/jobs/:id/runs/:rid").handler(on.apply(JobsRoutes::run));
    router.post("/v1/jobs/:id/runs/:rid/actions/stop").handler(on.apply(JobsRoutes::stopRun));
    router.get("/v1/queue").handler(on.apply(JobsRoutes::queue));
    router.get("/v1/dependency-graph").handler(on.apply(JobsRoutes::graph));
  }

  private <T> void answer(RoutingContext ctx, int status, java.util.function.Supplier<JsonNode> work) {
    loop.call(work).whenComplete((body, e) -> {
      if (e != null) {
        Replies.failure(ctx, e);
      } else {
        Replies.json(ctx, status, body);
      }
    });
  }

  private static JsonNode body(RoutingContext ctx) {
    try {
      String s = ctx.body() == null || ctx.body().buffer() == null ? null
          : dev.drover.model.Utf8.strict(ctx.body().buffer().getBytes()).orElseThrow(
              () -> new com.fasterxml.jackson.core.JsonParseException(null, "the body is not valid UTF-8"));
      if (s == null || s.isBlank()) {
        throw Invalid.of("/", "a JSON body is required");
      }
      return JobJson.MAPPER.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Invalid.of("/", "invalid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw Invalid.of("/", "invalid JSON: " + e.getMessage());
    }
  }

  private Set<String> embed(RoutingContext ctx) {
    return Views.embeds(ctx.queryParam("embed"));
  }

  private void list(RoutingContext ctx) {
    Set<String> embed = embed(ctx);
    answer(ctx, 200, () -> {
      ArrayNode a = JobJson.MAPPER.createArrayNode();
      engine.jobs().values().forEach(s -> a.add(Views.job(s, embed, engine.now(), frameworkId.get())));
      return a;
    });
  }

  private void create(RoutingContext ctx) {
    JobSpec spec;
    try {
      spec = JobJson.parseJob(body(ctx));
    } catch (Invalid e) {
      Replies.failure(ctx, e);
      return;
    }
    answer(ctx, 201, () -> JobJson.render(engine.create(spec).spec(), !spec.schedules().isEmpty()));
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Set<String> embed = embed(ctx);
    answer(ctx, 200, () -> Views.job(engine.job(id), embed, engine.now(), frameworkId.get()));
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JobSpec spec;
    boolean keepSchedules;
    try {
      JsonNode b = body(ctx);
      if (b.isObject() && !b.has("id")) {
        ((ObjectNode) b).put("id", id);
      }
      spec = JobJson.parseJob(b);
      if (!spec.id().equals(id)) {
        throw Invalid.of("/id", "must equal the id in the path ('" + id + "')");
      }
      keepSchedules = !b.has("schedules");
    } catch (Invalid e) {
      Replies.failure(ctx, e);
      return;
    }
    answer(ctx, 200, () -> JobJson.render(engine.update(spec, keepSchedules).spec(), !keepSchedules));
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean stop = Boolean.parseBoolean(ctx.queryParams().get("stopCurrentJobRuns"));
    answer(ctx, 200, () -> {
      JobSpec spec = engine.job(id).spec();
      engine.delete(id, stop);
      return JobJson.render(spec, false);
    });
  }

  private void schedules(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    answer(ctx, 200, () -> {
      ArrayNode a = JobJson.MAPPER.createArrayNode();
      engine.job(id).spec().schedules().forEach(s -> a.add(JobJson.render(s)));
      return a;
    });
  }

  private void schedule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sid = ctx.pathParam("sid");
    answer(ctx, 200, () -> JobJson.render(engine.job(id).spec().schedule(sid)
        .orElseThrow(() -> Rejected.notFound("schedule '" + sid + "' of job '" + id + "'"))));
  }

  private ScheduleSpec scheduleBody(RoutingContext ctx, String pathId) {
    JsonNode b = body(ctx);
    if (pathId != null && b.isObject() && !b.has("id")) {
      ((ObjectNode) b).put("id", pathId);
    }
    ScheduleSpec s = JobJson.parseSchedule(b);
    if (pathId != null && !pathId.equals(s.id())) {
      throw Invalid.of("/id", "must equal the id in the path ('" + pathId + "')");
    }
    return s;
  }

  private void addSchedule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ScheduleSpec s;
    try {
      s = scheduleBody(ctx, null);
    } catch (Invalid e) {
      Replies.failure(ctx, e);
      return;
    }
    answer(ctx, 201, () -> {
      JobSpec spec = engine.job(id).spec();
      if (spec.schedule(s.id()).isPresent()) {
        throw new Rejected(409, "schedule '" + s.id() + "' of job '" + id + "' already exists");
      }
      List<ScheduleSpec> next = new ArrayList<>(spec.schedules());
      next.add(s);
      engine.update(spec.withSchedules(next), false);
      return JobJson.render(s);
    });
  }

  private void putSchedule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sid = ctx.pathParam("sid");
    ScheduleSpec s;
    try {
      s = scheduleBody(ctx, sid);
    } catch (Invalid e) {
      Replies.failure(ctx, e);
      return;
    }
    answer(ctx, 200, () -> {
      JobSpec spec = engine.job(id).spec();
      spec.schedule(sid).orElseThrow(() -> Rejected.notFound("schedule '" + sid + "' of job '" + id + "'"));
      List<ScheduleSpec> next = spec.schedules().stream().map(x -> x.id().equals(sid) ? s : x).toList();
      engine.update(spec.withSchedules(next), false);
      return JobJson.render(s);
    });
  }

  private void deleteSchedule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String sid = ctx.pathParam("sid");
    answer(ctx, 200, () -> {
      JobSpec spec = engine.job(id).spec();
      ScheduleSpec s = spec.schedule(sid)
          .orElseThrow(() -> Rejected.notFound("schedule '" + sid + "' of job '" + id + "'"));
      engine.update(spec.withSchedules(spec.schedules().stream().filter(x -> !x.id().equals(sid)).toList()), false);
      return JobJson.render(s);
    });
  }

  private void runs(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    answer(ctx, 200, () -> {
      ArrayNode a = JobJson.MAPPER.createArrayNode();
      Views.activeRuns(engine.job(id), engine.now()).forEach(r -> a.add(RunJson.render(r, frameworkId.get())));
      return a;
    });
  }

  private void startRun(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    answer(ctx, 201, () -> RunJson.render(engine.startNow(id), frameworkId.get()));
  }

  private void run(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String rid = ctx.pathParam("rid");
    answer(ctx, 200, () -> {
      JobState s = engine.job(id);
      JobRun r = JobsEngine.find(s, rid)
          .orElseThrow(() -> Rejected.notFound("run '" + rid + "' of job '" + id + "'"));
      return RunJson.render(r, frameworkId.get());
    });
  }

  private void stopRun(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String rid = ctx.pathParam("rid");
    answer(ctx, 200, () -> RunJson.render(engine.stopRun(id, rid), frameworkId.get()));
  }

  private void queue(RoutingContext ctx) {
    answer(ctx, 200, () -> {
      ArrayNode a = JobJson.MAPPER.createArrayNode();
      java.util.Map<String, ArrayNode> byJob = new java.util.LinkedHashMap<>();
      engine.queue().forEach((run, why) -> byJob.computeIfAbsent(run.jobId(), j -> {
        ObjectNode o = a.addObject().put("jobId", j);
        return o.putArray("runs");
      }).addObject().put("runId", run.id()).put("attempt", run.attempt()).put("reason", why));
      return a;
    });
  }

  private void graph(RoutingContext ctx) {
    boolean dot = "dot".equals(ctx.queryParams().get("format"));
    loop.call(() -> engine.jobs().values().stream().map(JobState::spec).toList()).whenComplete((specs, e) -> {
      if (e != null) {
        Replies.failure(ctx, e);
      } else if (dot) {
        ctx.response().putHeader("Content-Type", "text/vnd.graphviz").end(Dag.dot(specs));
      } else {
        Replies.json(ctx, 200, Dag.json(specs));
      }
    });
  }
}
