package dev.drover.apps.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.AppChange;
import dev.drover.sdk.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each deployment in flight changed (every app's definition before and after), under {@code deploy:<id>}, so a
 * rollback — asked for, or the engine's automatic one — can store the previous definitions again, also after a
 * failover. Persist, then apply. Not thread-safe: the API's serial writer owns it.
 */
public final class DeploymentLog {
  private static final String PREFIX = "deploy:";
  private static final TypeReference<List<AppChange>> CHANGES = new TypeReference<>() {};

  private final StateStore store;
  private final Map<String, List<AppChange>> byId = new HashMap<>();

  public DeploymentLog(StateStore store) {
    this.store = store;
  }

  /** Replaces memory with what the store holds (on election). */
  public void load() {
    byId.clear();
    for (String key : store.list(PREFIX)) {
      store.get(key).ifPresent(v -> {
        try {
          byId.put(key.substring(PREFIX.length()), AppJson.MAPPER.readValue(v.value(), CHANGES));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  void put(String deploymentId, List<AppChange> changes) {
    store.put(PREFIX + deploymentId, AppJson.bytes(changes));
    byId.put(deploymentId, List.copyOf(changes));
  }

  Optional<List<AppChange>> get(String deploymentId) {
    return Optional.ofNullable(byId.get(deploymentId));
  }

  Optional<List<AppChange>> remove(String deploymentId) {
    if (!byId.containsKey(deploymentId)) {
      return Optional.empty();
    }
    store.delete(PREFIX + deploymentId);
    return Optional.of(byId.remove(deploymentId));
  }

  /** Forgets every deployment but {@code live} (those still in flight). */
  void retain(Collection<String> live) {
    for (String id : List.copyOf(byId.keySet())) {
      if (!live.contains(id)) {
        remove(id);
      }
    }
  }
}
