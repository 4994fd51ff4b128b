package dev.drover.apps.store;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.model.VersionInfo;
import dev.drover.sdk.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Apps and all their versions, persisted in a {@link StateStore} (ZooKeeper in production): the current version of
 * each app under {@code app:<id>}, every version under {@code ver:<id>@<version>}, at most {@code maxVersions} per
 * app (oldest dropped). Persist, then apply: memory changes only after the store accepted the write; a failed write
 * throws and changes nothing in memory.
 *
 * <p>One writer: {@link #load}, {@link #put} and {@link #delete} must be called from one thread at a time (the
 * service's serial loop). Reads ({@link #get}, {@link #all}) are safe from any thread and see an immutable snapshot.
 */
public final class AppStore {
  private static final String APP = "app:";
  private static final String VERSION = "ver:";

  private final StateStore store;
  private final Versions versions;
  private final int maxVersions;
  private volatile TreeMap<String, AppDefinition> apps = new TreeMap<>();

  public AppStore(StateStore store, Supplier<Instant> clock, int maxVersions) {
    this.store = store;
    this.versions = new Versions(clock);
    this.maxVersions = maxVersions;
  }

  /** Replaces memory with what the store holds (on election). */
  public void load() {
    TreeMap<String, AppDefinition> loaded = new TreeMap<>();
    for (String key : store.list(APP)) {
      store.get(key).ifPresent(v -> {
        AppDefinition app = AppJson.readApp(v.value());
        versions.observe(app.version());
        loaded.put(app.id(), app);
      });
    }
    apps = loaded;
  }

  public Optional<AppDefinition> get(String id) {
    return Optional.ofNullable(apps.get(id));
  }

  /** Every app, ordered by id. */
  public Collection<AppDefinition> all() {
    return apps.values();
  }

  /**
   * Stores {@code app} as a new version (a config change, or a scale when only instances differ from the current
   * one) and returns it with its version and versionInfo.
   */
  public AppDefinition put(AppDefinition app) {
    String version = versions.next();
    AppDefinition current = apps.get(app.id());
    VersionInfo info;
    if (current != null && current.sameConfigAs(app)) {
      info = new VersionInfo(version, current.versionInfo().lastConfigChangeAt());
    } else {
      info = new VersionInfo(version, version);
    }
    AppDefinition stored = app.withVersion(version, info);
    byte[] bytes = AppJson.bytes(stored);
    store.put(VERSION + stored.id() + "@" + version, bytes);
    store.put(APP + stored.id(), bytes);
    prune(stored.id());
    TreeMap<String, AppDefinition> next = new TreeMap<>(apps);
    next.put(stored.id(), stored);
    apps = next;
    return stored;
  }

  /**
   * Makes {@code previous} (a version read from this store) current again without a new version: undoes a
   * {@link #put} whose deployment was refused. Its version record is kept.
   */
  public void restore(AppDefinition previous) {
    store.put(APP + previous.id(), AppJson.bytes(previous));
    store.put(VERSION + previous.id() + "@" + previous.version(), AppJson.bytes(previous));
    TreeMap<String, AppDefinition> next = new TreeMap<>(apps);
    next.put(previous.id(), previous);
    apps = next;
  }

  /** Deletes the app and all its versions; returns whether it existed. */
  public boolean delete(String id) {
    if (!apps.containsKey(id)) {
      return false;
    }
    store.delete(APP + id);
    for (String key : store.list(VERSION + id + "@")) {
      store.delete(key);
    }
    TreeMap<String, AppDefinition> next = new TreeMap<>(apps);
    next.remove(id);
    apps = next;
    return true;
  }

  /** The versions stored for {@code id}, newest first (empty for an unknown app). */
  public List<String> versions(String id) {
    List<String> out = new ArrayList<>();
    String prefix = VERSION + id + "@";
    for (String key : store.list(prefix)) {
      out.add(0, key.substring(prefix.length()));
    }
    return out;
  }

  /** One stored version of {@code id}. */
  public Optional<AppDefinition> version(String id, String version) {
    return store.get(VERSION + id + "@" + version).map(v -> AppJson.readApp(v.value()));
  }

  private void prune(String id) {
    List<String> keys = store.list(VERSION + id + "@");
    for (int i = 0; i < keys.size() - maxVersions; i++) {
      store.delete(keys.get(i));
    }
  }
}
