package dev.drover.apps.engine.instance;

import dev.drover.apps.engine.spec.Json;
import dev.drover.model.TaskState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/** An {@link Instance} as the JSON bytes the engine stores. Stateless. */
public final class InstanceCodec {
  private InstanceCodec() {}

  public static byte[] encode(Instance i) {
    JsonObject h = new JsonObject().put("consecutiveFailures", i.health().consecutiveFailures())
        .put("firstSuccess", Json.instant(i.health().firstSuccess()))
        .put("lastSuccess", Json.instant(i.health().lastSuccess()))
        .put("lastFailure", Json.instant(i.health().lastFailure()));
    JsonObject o = new JsonObject().put("taskId", i.taskId()).put("appId", i.appId()).put("agentId", i.agentId())
        .put("host", i.host()).put("attributes", Json.map(i.attributes()))
        .put("ports", new JsonArray(new ArrayList<>(i.ports()))).put("state", i.state().name())
        .put("stagedAt", Json.instant(i.stagedAt())).put("startedAt", Json.instant(i.startedAt()))
        .put("version", Json.instant(i.version())).put("configVersion", Json.instant(i.configVersion()))
        .put("healthy", i.healthy()).put("health", h).put("goal", i.goal().name())
        .put("unreachableSince", Json.instant(i.unreachableSince())).put("readySince", Json.instant(i.readySince()));
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }

  public static Instance decode(byte[] bytes) {
    JsonObject o = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    JsonObject h = o.getJsonObject("health", new JsonObject());
    return new Instance(o.getString("taskId"), o.getString("appId"), o.getString("agentId"), o.getString("host"),
        Json.map(o, "attributes"), Json.ints(o, "ports"), TaskState.valueOf(o.getString("state")),
        Json.instant(o, "stagedAt"), Json.instant(o, "startedAt"), Json.instant(o, "version"),
        Json.instant(o, "configVersion"), o.getBoolean("healthy"),
        new Instance.Health(h.getInteger("consecutiveFailures", 0), Json.instant(h, "firstSuccess"),
            Json.instant(h, "lastSuccess"), Json.instant(h, "lastFailure")),
        Instance.Goal.valueOf(o.getString("goal")), Json.instant(o, "unreachableSince"),
        Json.instant(o, "readySince"));
  }
}
