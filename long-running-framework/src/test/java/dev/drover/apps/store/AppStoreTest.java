package dev.drover.apps.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.validation.AppValidator;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.state.StateStore;
import dev.drover.sdk.state.StateStoreException;
import dev.drover.sdk.state.Versioned;
import java.util.Optional;
import dev.drover.sdk.toolkit.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStoreTest {
  private final ManualTimer clock = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryStateStore state = new InMemoryStateStore();
  private final AppStore store = new AppStore(state, clock::now, 3);

  static AppDefinition app(String id, int instances, String cmd) throws Exception {
    return new AppValidator().validate(AppJson.MAPPER.readTree(
        "{\"id\": \"" + id + "\", \"cmd\": \"" + cmd + "\", \"instances\": " + instances + "}"), "/", null);
  }

  @Test
  void putPersistsThenServesAndAnotherStoreLoadsIt() throws Exception {
    AppDefinition stored = store.put(app("/a", 1, "x"));
    assertEquals("2026-01-01T00:00:00.000Z", stored.version());
    assertEquals(stored, store.get("/a").orElseThrow());
    AppStore reloaded = new AppStore(state, clock::now, 3);
    reloaded.load();
    assertEquals(stored, reloaded.get("/a").orElseThrow());
  }

  @Test
  void versionsIncreaseEvenWhenTheClockStandsStillAndScalingKeepsConfigTime() throws Exception {
    AppDefinition v1 = store.put(app("/a", 1, "x"));
    AppDefinition v2 = store.put(app("/a", 4, "x"));
    assertTrue(v2.version().compareTo(v1.version()) > 0);
    assertEquals(v1.version(), v2.versionInfo().lastConfigChangeAt());
    assertEquals(v2.version(), v2.versionInfo().lastScalingAt());
    clock.advance(Duration.ofSeconds(5));
    AppDefinition v3 = store.put(app("/a", 4, "y"));
    assertEquals(v3.version(), v3.versionInfo().lastConfigChangeAt());
    assertEquals(List.of(v3.version(), v2.version(), v1.version()), store.versions("/a"));
    assertEquals(v1, store.version("/a", v1.version()).orElseThrow());
  }

  @Test
  void oldVersionsArePruned() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.put(app("/a", i, "x"));
    }
    assertEquals(3, store.versions("/a").size());
  }

  @Test
  void deleteRemovesTheAppAndItsVersionsButNotItsNeighbour() throws Exception {
    store.put(app("/a", 1, "x"));
    store.put(app("/ab", 1, "x"));
    assertTrue(store.delete("/a"));
    assertTrue(store.get("/a").isEmpty());
    assertEquals(List.of(), store.versions("/a"));
    assertEquals(1, store.versions("/ab").size());
    assertFalse(store.delete("/a"));
  }

  @Test
  void aFailedWriteChangesNothingInMemory() throws Exception {
    InMemoryStateStore inner = new InMemoryStateStore();
    StateStore down = new StateStore() {
      @Override public Optional<Versioned> get(String key) { return inner.get(key); }
      @Override public long put(String key, byte[] value) { throw new StateStoreException("down", null); }
      @Override public Optional<Long> compareAndSet(String key, long v, byte[] value) {
        throw new StateStoreException("down", null);
      }
      @Override public boolean delete(String key) { throw new StateStoreException("down", null); }
      @Override public List<String> list(String prefix) { return inner.list(prefix); }
    };
    AppStore failing = new AppStore(down, clock::now, 3);
    assertThrows(StateStoreException.class, () -> failing.put(app("/a", 1, "x")));
    assertTrue(failing.get("/a").isEmpty());
  }
}
