package dev.drover.apps.engine.core;

import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.deploy.Action;
import dev.drover.apps.engine.deploy.Deployment;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.instance.InstanceCodec;
import dev.drover.apps.engine.spec.Json;
import dev.drover.apps.engine.spec.RunSpecCodec;
import dev.drover.sdk.state.StateStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The engine's durable state in a {@link StateStore}, under keys {@code engine/app/<app id>},
 * {@code engine/instance/<task id>} and {@code engine/deployment/<id>}. Called only from the engine's loop;
 * blocking; failures surface as {@code StateStoreException} before anything is applied in memory.
 */
final class EngineStore {
  static final String APP = "engine/app/";
  static final String INSTANCE = "engine/instance/";
  static final String DEPLOYMENT = "engine/deployment/";

  private final StateStore store;
  private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();

  EngineStore(StateStore store) {
    this.store = store;
  }

  /** Everything persisted. */
  record Loaded(Map<String, AppState> apps, Map<String, Instance> instances, List<Deployment> deployments) {}

  Loaded load() {
    Map<String, AppState> apps = new LinkedHashMap<>();
    for (String k : store.list(APP)) {
      store.get(k).ifPresent(v -> {
        JsonObject o = json(v.value());
        apps.put(k.substring(APP.length()), new AppState(RunSpecCodec.fromJson(o.getJsonObject("spec")),
            Json.instant(o, "configVersion"), AppState.Phase.valueOf(o.getString("phase"))));
      });
    }
    Map<String, Instance> instances = new LinkedHashMap<>();
    for (String k : store.list(INSTANCE)) {
      store.get(k).ifPresent(v -> {
        instances.put(k.substring(INSTANCE.length()), InstanceCodec.decode(v.value()));
        versions.put(k, v.version());
      });
    }
    List<Deployment> deployments = new ArrayList<>();
    for (String k : store.list(DEPLOYMENT)) {
      store.get(k).ifPresent(v -> deployments.add(deployment(json(v.value()))));
    }
    deployments.sort(java.util.Comparator.comparing(Deployment::version).thenComparing(Deployment::id));
    return new Loaded(apps, instances, deployments);
  }

  void putApp(String appId, AppState s) {
    JsonObject o = new JsonObject().put("spec", RunSpecCodec.toJson(s.spec()))
        .put("configVersion", s.configVersion().toString()).put("phase", s.phase().name());
    store.put(APP + appId, bytes(o));
  }

  void deleteApp(String appId) {
    store.delete(APP + appId);
  }

  /**
   * Writes an instance with one compare-and-set against the version this store last wrote or read (one ZooKeeper
   * round trip instead of a read and a write); falls back to a plain put when another writer got in between.
   */
  void putInstance(Instance i, boolean isNew) {
    byte[] b = InstanceCodec.encode(i);
    String key = INSTANCE + i.taskId();
    Long known = isNew ? Long.valueOf(StateStore.ABSENT) : versions.get(key);
    java.util.Optional<Long> v = known == null ? java.util.Optional.empty() : store.compareAndSet(key, known, b);
    versions.put(key, v.orElseGet(() -> store.put(key, b)));
  }

  /**
   * Writes several instances ({@code created}: new ones) in as few round trips as the store allows (ZooKeeper:
   * transactions of up to 200), each a compare-and-set as in {@link #putInstance}, with the same fallback.
   */
  void putInstances(List<Instance> instances, java.util.Set<String> created) {
    List<StateStore.Write> writes = new ArrayList<>(instances.size());
    List<Instance> batched = new ArrayList<>(instances.size());
    for (Instance i : instances) {
      String key = INSTANCE + i.taskId();
      Long known = created.contains(i.taskId()) ? Long.valueOf(StateStore.ABSENT) : versions.get(key);
      if (known == null) {
        putInstance(i, false);
      } else {
        writes.add(new StateStore.Write(key, known, InstanceCodec.encode(i)));
        batched.add(i);
      }
    }
    List<java.util.Optional<Long>> results = store.compareAndSetAll(writes);
    for (int k = 0; k < writes.size(); k++) {
      StateStore.Write w = writes.get(k);
      versions.put(w.key(), results.get(k).orElseGet(() -> store.put(w.key(), w.value())));
    }
  }

  void deleteInstance(String taskId) {
    store.delete(INSTANCE + taskId);
    versions.remove(INSTANCE + taskId);
  }

  void putDeployment(Deployment d) {
    JsonArray steps = new JsonArray();
    for (List<Action> step : d.steps()) {
      JsonArray s = new JsonArray();
      step.forEach(a -> s.add(new JsonObject().put("kind", a.kind().name()).put("appId", a.appId())));
      steps.add(s);
    }
    JsonObject targets = new JsonObject();
    d.targets().forEach((k, v) -> targets.put(k, RunSpecCodec.toJson(v)));
    JsonObject previous = new JsonObject();
    d.previous().forEach((k, v) -> previous.put(k, RunSpecCodec.toJson(v)));
    JsonObject failed = new JsonObject();
    d.failedNew().forEach(failed::put);
    JsonObject o = new JsonObject().put("id", d.id()).put("version", d.version().toString()).put("steps", steps)
        .put("current", d.current()).put("targets", targets).put("previous", previous).put("failedNew", failed)
        .put("sawReady", new JsonArray(new ArrayList<>(d.sawReady())))
        .put("previousConfig", instants(d.previousConfig())).put("targetConfig", instants(d.targetConfig()));
    store.put(DEPLOYMENT + d.id(), bytes(o));
  }

  void deleteDeployment(String id) {
    store.delete(DEPLOYMENT + id);
  }

  private static Deployment deployment(JsonObject o) {
    List<List<Action>> steps = new ArrayList<>();
    JsonArray sa = o.getJsonArray("steps");
    for (int i = 0; i < sa.size(); i++) {
      List<Action> step = new ArrayList<>();
      JsonArray s = sa.getJsonArray(i);
      for (int j = 0; j < s.size(); j++) {
        JsonObject a = s.getJsonObject(j);
        step.add(new Action(Action.Kind.valueOf(a.getString("kind")), a.getString("appId")));
      }
      steps.add(step);
    }
    Map<String, RunSpec> targets = new LinkedHashMap<>();
    o.getJsonObject("targets").forEach(e -> targets.put(e.getKey(), RunSpecCodec.fromJson((JsonObject) e.getValue())));
    Map<String, RunSpec> previous = new LinkedHashMap<>();
    o.getJsonObject("previous").forEach(e -> previous.put(e.getKey(),
        RunSpecCodec.fromJson((JsonObject) e.getValue())));
    Map<String, Integer> failed = new LinkedHashMap<>();
    o.getJsonObject("failedNew").forEach(e -> failed.put(e.getKey(), ((Number) e.getValue()).intValue()));
    return new Deployment(o.getString("id"), Json.instant(o, "version"), steps, o.getInteger("current"), targets,
        previous, failed, new LinkedHashSet<>(Json.strings(o, "sawReady")), instants(o, "previousConfig"),
        instants(o, "targetConfig"));
  }

  private static JsonObject instants(Map<String, java.time.Instant> m) {
    JsonObject o = new JsonObject();
    m.forEach((k, v) -> o.put(k, v.toString()));
    return o;
  }

  private static Map<String, java.time.Instant> instants(JsonObject o, String key) {
    Map<String, java.time.Instant> m = new LinkedHashMap<>();
    Json.map(o, key).forEach((k, v) -> m.put(k, java.time.Instant.parse(v)));
    return m;
  }

  private static JsonObject json(byte[] b) {
    return new JsonObject(new String(b, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonObject o) {
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }
}
