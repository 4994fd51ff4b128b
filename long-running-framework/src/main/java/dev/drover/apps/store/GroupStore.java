package dev.drover.apps.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.drover.apps.model.AppJson;
import dev.drover.sdk.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups created explicitly (through {@code /v2/groups}) and their dependencies, under {@code group:<id>}. Groups
 * that only exist because an app id names them are not stored. Persist, then apply; one writer (the service's
 * serial loop), reads from any thread.
 */
public final class GroupStore {
  private static final String GROUP = "group:";
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private final StateStore store;
  private volatile Map<String, List<String>> groups = Map.of();

  public GroupStore(StateStore store) {
    this.store = store;
  }

  public void load() {
    TreeMap<String, List<String>> loaded = new TreeMap<>();
    for (String key : store.list(GROUP)) {
      store.get(key).ifPresent(v -> {
        try {
          loaded.put(key.substring(GROUP.length()), AppJson.MAPPER.readValue(v.value(), LIST));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    groups = Map.copyOf(loaded);
  }

  /** Explicit groups with their dependencies (absolute ids). */
  public Map<String, List<String>> all() {
    return groups;
  }

  public void put(String id, List<String> dependencies) {
    store.put(GROUP + id, AppJson.bytes(dependencies));
    TreeMap<String, List<String>> next = new TreeMap<>(groups);
    next.put(id, List.copyOf(dependencies));
    groups = Map.copyOf(next);
  }

  /** Removes {@code id} and every group below it. */
  public void deleteTree(String id) {
    TreeMap<String, List<String>> next = new TreeMap<>(groups);
    for (String g : groups.keySet()) {
      if (g.equals(id) || g.startsWith(id.equals("/") ? "/" : id + "/")) {
        store.delete(GROUP + g);
        next.remove(g);
      }
    }
    groups = Map.copyOf(next);
  }
}
