package dev.drover.apps.engine.spec;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small null-safe helpers for the engine's persisted JSON (Vert.x's Jackson-backed JsonObject). */
public final class Json {
  private Json() {}

  public static String instant(Instant i) {
    return i == null ? null : i.toString();
  }

  public static Instant instant(JsonObject o, String key) {
    String s = o.getString(key);
    return s == null ? null : Instant.parse(s);
  }

  public static JsonObject map(Map<String, String> m) {
    return new JsonObject(new LinkedHashMap<>(m));
  }

  public static Map<String, String> map(JsonObject o, String key) {
    JsonObject m = o.getJsonObject(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }

  public static List<String> strings(JsonObject o, String key) {
    JsonArray a = o.getJsonArray(key);
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  public static List<Integer> ints(JsonObject o, String key) {
    JsonArray a = o.getJsonArray(key);
    List<Integer> out = new ArrayList<>();
    if (a != null) {
      a.forEach(v -> out.add(((Number) v).intValue()));
    }
    return out;
  }

  public static List<JsonObject> objects(JsonObject o, String key) {
    JsonArray a = o.getJsonArray(key);
    List<JsonObject> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(a.getJsonObject(i));
      }
    }
    return out;
  }
}
