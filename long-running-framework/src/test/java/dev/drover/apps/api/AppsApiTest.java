package dev.drover.apps.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.AppChange;
import dev.drover.apps.runtime.ConflictException;
import dev.drover.apps.runtime.FakeRuntime;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import dev.drover.apps.validation.AppValidator;
import dev.drover.apps.validation.InvalidException;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppsApiTest {
  private final ManualTimer clock = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryStateStore state = new InMemoryStateStore();
  private final FakeRuntime runtime = new FakeRuntime();
  private final AppsApi api = new AppsApi(new AppStore(state, clock::now, 50), new GroupStore(state),
      new dev.drover.apps.api.DeploymentLog(state), runtime,
      new AppValidator(), e -> { }, clock::now);

  private static JsonNode json(String s) throws Exception {
    return AppJson.MAPPER.readTree(s.replace('\'', '"'));
  }

  @Test
  void createPersistsThenDeploys() throws Exception {
    Outcome o = api.create(json("{'id': '/a', 'cmd': 'sleep 1', 'instances': 3}"), false);
    assertTrue(o.created());
    assertEquals(1, state.list("app:").size());
    AppChange c = runtime.deployed.get(0).get(0);
    assertNull(c.from());
    assertEquals(3, c.to().instances());
  }

  @Test
  void rejectedRequestsWriteNothing() throws Exception {
    assertThrows(InvalidException.class, () -> api.create(json("{'id': '/a', 'cmd': 'x', 'mem': -1}"), false));
    assertEquals(List.of(), state.list(""));
    api.create(json("{'id': '/a', 'cmd': 'x'}"), false);
    int keys = state.list("").size();
    ApiException dup = assertThrows(ApiException.class, () -> api.create(json("{'id': '/a', 'cmd': 'x'}"), false));
    assertEquals(409, dup.status());
    assertThrows(InvalidException.class, () -> api.update("/a", json("{'instances': 'many'}"), true, false));
    assertEquals(keys, state.list("").size());
    assertEquals(1, runtime.deployed.size());
  }

  @Test
  void aDeploymentInFlightLocksTheAppUnlessForced() throws Exception {
    runtime.keepInFlight = true;
    api.create(json("{'id': '/a', 'cmd': 'x'}"), false);
    String before = api.apps().get("/a").orElseThrow().version();
    ConflictException e = assertThrows(ConflictException.class,
        () -> api.update("/a", json("{'instances': 5}"), true, false));
    assertEquals(List.of("d-1"), e.deploymentIds());
    assertEquals(before, api.apps().get("/a").orElseThrow().version());
    Outcome forced = api.update("/a", json("{'instances': 5}"), true, true);
    assertEquals(5, forced.apps().get(0).instances());
  }

  @Test
  void patchMergesAndPutReplaces() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'x', 'mem': 64, 'labels': {'k': 'v'}}"), false);
    api.update("/a", json("{'instances': 4}"), true, false);
    assertEquals(64.0, api.apps().get("/a").orElseThrow().mem());
    assertEquals(4, api.apps().get("/a").orElseThrow().instances());
    api.update("/a", json("{'cmd': 'y'}"), false, false);
    assertEquals(128.0, api.apps().get("/a").orElseThrow().mem());
    api.update("/a", json("{'args': ['sleep', '1'], 'ports': [8080]}"), true, false);
    assertNull(api.apps().get("/a").orElseThrow().cmd());
    assertEquals(8080, api.apps().get("/a").orElseThrow().portDefinitions().get(0).port());
  }

  @Test
  void putOfAnOldVersionRollsBackToIt() throws Exception {
    String v1 = api.create(json("{'id': '/a', 'cmd': 'one'}"), false).version();
    api.update("/a", json("{'cmd': 'two'}"), true, false);
    api.update("/a", json("{'version': '" + v1 + "'}"), false, false);
    assertEquals("one", api.apps().get("/a").orElseThrow().cmd());
  }

  @Test
  void deleteOfAnUnknownAppIs404() {
    ApiException e = assertThrows(ApiException.class, () -> api.delete("/nope", false));
    assertEquals(404, e.status());
    assertEquals("App '/nope' does not exist", e.getMessage());
  }

  @Test
  void rollbackStoresThePreviousDefinitionsAgain() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'one'}"), false);
    runtime.keepInFlight = true;
    Outcome o = api.update("/a", json("{'cmd': 'two'}"), true, false);
    api.cancelDeployment(o.deploymentId(), false).orElseThrow();
    assertEquals("one", api.apps().get("/a").orElseThrow().cmd());
    assertEquals(404, assertThrows(ApiException.class, () -> api.cancelDeployment("nope", false)).status());
  }

  @Test
  void groupsDeployInDependencyOrder() throws Exception {
    Outcome o = api.putGroup(null, json("{'id': '/shop', 'apps': ["
        + "{'id': 'web', 'cmd': 'x', 'dependencies': ['api']},"
        + "{'id': 'api', 'cmd': 'x', 'dependencies': ['/shop/db']}],"
        + " 'groups': [{'id': 'db', 'apps': [{'id': 'pg', 'cmd': 'x'}]}]}"), true, false);
    assertTrue(o.created());
    List<String> order = runtime.deployed.get(0).stream().map(AppChange::appId).toList();
    assertEquals(List.of("/shop/db/pg", "/shop/api", "/shop/web"), order);
    assertEquals(409, assertThrows(ApiException.class, () -> api.putGroup(null, json("{'id': '/shop'}"), true,
        false)).status());
  }

  @Test
  void aDependencyCycleIs422AndStoresNothing() throws Exception {
    assertThrows(InvalidException.class, () -> api.putGroup(null, json("{'id': '/g', 'apps': ["
        + "{'id': 'a', 'cmd': 'x', 'dependencies': ['b']}, {'id': 'b', 'cmd': 'x', 'dependencies': ['a']}]}"),
        true, false));
    assertEquals(List.of(), state.list("app:"));
  }

  @Test
  void groupErrorsCarryNestedPaths() throws Exception {
    InvalidException e = assertThrows(InvalidException.class, () -> api.putGroup(null, json(
        "{'id': '/g', 'groups': [{'id': 'h', 'apps': [{'id': 'a', 'cmd': 'x', 'mem': -1}]}]}"), true, false));
    assertEquals("/groups(0)/apps(0)/mem", e.details().get(0).path());
  }

  @Test
  void killWithScaleStoresTheSmallerApp() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'x', 'instances': 2}"), false);
    runtime.tasks.add(FakeRuntime.running("t1", "/a", "h1"));
    runtime.tasks.add(FakeRuntime.running("t2", "/a", "h2"));
    AppsApi.KillResult r = api.killTasks("/a", List.of("t1"), null, true, false, false);
    assertEquals(1, api.apps().get("/a").orElseThrow().instances());
    assertNotNull(r.scaled());
    assertEquals(List.of("t1"), runtime.killed);
  }

  @Test
  void killWithScaleStoresBeforeTheEngineActsAndAFailedStoreChangesNothing() throws Exception {
    SwitchableStore store = new SwitchableStore();
    AppsApi api = new AppsApi(new AppStore(store, clock::now, 50), new GroupStore(store), new DeploymentLog(store),
        runtime, new AppValidator(), e -> { }, clock::now);
    api.create(json("{'id': '/a', 'cmd': 'x', 'instances': 3}"), false);
    runtime.tasks.add(FakeRuntime.running("t1", "/a", "h1"));
    runtime.tasks.add(FakeRuntime.running("t2", "/a", "h2"));
    runtime.tasks.add(FakeRuntime.running("t3", "/a", "h2"));
    String before = api.apps().get("/a").orElseThrow().version();
    store.down = true;
    assertThrows(dev.drover.sdk.state.StateStoreException.class,
        () -> api.killTasks("/a", null, "h2", true, false, false));
    assertEquals(List.of(), runtime.killed, "the engine was not asked to kill");
    assertEquals(before, api.apps().get("/a").orElseThrow().version());
    assertEquals(3, api.apps().get("/a").orElseThrow().instances());
    store.down = false;
    runtime.onKill = () -> assertEquals(1, storedInstances(store, "/a"), "stored before the engine acts");
    AppsApi.KillResult r = api.killTasks("/a", null, "h2", true, false, false);
    assertEquals(List.of("t2", "t3"), runtime.killed);
    assertEquals(1, r.scaled().apps().get(0).instances());
  }

  private static int storedInstances(dev.drover.sdk.state.StateStore store, String id) {
    try {
      return AppJson.MAPPER.readTree(store.get("app:" + id).orElseThrow().value()).get("instances").asInt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An in-memory store whose writes fail while {@code down}. */
  static final class SwitchableStore implements dev.drover.sdk.state.StateStore {
    private final InMemoryStateStore inner = new InMemoryStateStore();
    volatile boolean down;

    private void check() {
      if (down) {
        throw new dev.drover.sdk.state.StateStoreException("down", null);
      }
    }

    @Override public java.util.Optional<dev.drover.sdk.state.Versioned> get(String key) { return inner.get(key); }
    @Override public long put(String key, byte[] value) { check(); return inner.put(key, value); }
    @Override public java.util.Optional<Long> compareAndSet(String key, long v, byte[] value) {
      check();
      return inner.compareAndSet(key, v, value);
    }
    @Override public boolean delete(String key) { check(); return inner.delete(key); }
    @Override public List<String> list(String prefix) { return inner.list(prefix); }
  }

  @Test
  void aGroupPutWithoutAppsKeepsTheGroupsAppsAndAnEmptyGroupNeedsNoDeployment() throws Exception {
    api.putGroup(null, json("{'id': '/g', 'apps': [{'id': 'a', 'cmd': 'x'}]}"), true, false);
    Outcome o = api.putGroup("/g", json("{'id': '/g', 'dependencies': ['/other']}"), false, false);
    assertNull(o.deploymentId());
    assertTrue(api.apps().get("/g/a").isPresent());
    assertEquals(List.of("/other"), api.groups().all().get("/g"));
    assertTrue(api.putGroup(null, json("{'id': '/empty'}"), true, false).created());
    assertEquals(1, runtime.deployed.size());
  }

  @Test
  void resyncDeploysWhatTheRuntimeMissedAndRemovesWhatIsNoLongerStored() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'x'}"), false);
    api.create(json("{'id': '/b', 'cmd': 'x'}"), false);
    assertNull(api.resync(), "nothing differs");
    runtime.running.remove("/a");  // the leader died after storing /a, before deploying it
    runtime.running.put("/gone", api.apps().get("/b").orElseThrow());
    api.apps().put(api.apps().get("/b").orElseThrow().withInstances(3));  // and after storing a scale of /b
    assertNotNull(api.resync());
    List<AppChange> last = runtime.deployed.get(runtime.deployed.size() - 1);
    assertEquals(List.of("/a", "/b", "/gone"), last.stream().map(AppChange::appId).toList());
    assertNull(last.get(2).to());
    assertEquals(3, runtime.running.get("/b").instances());
  }

  @Test
  void theRuntimeSeesGroupDependenciesAsAppIds() throws Exception {
    api.putGroup(null, json("{'id': '/shop', 'groups': [{'id': 'db', 'apps': [{'id': 'pg', 'cmd': 'x'},"
        + " {'id': 'redis', 'cmd': 'x'}]}, {'id': 'front', 'dependencies': ['/shop/db'], 'apps': ["
        + "{'id': 'web', 'cmd': 'x'}]}]}"), true, false);
    AppChange web = runtime.deployed.get(0).stream().filter(c -> c.appId().equals("/shop/front/web")).findFirst()
        .orElseThrow();
    assertEquals(List.of("/shop/db/pg", "/shop/db/redis"), web.to().dependencies());
    assertEquals(List.of(), api.apps().get("/shop/front/web").orElseThrow().dependencies(), "stored as given");
    assertEquals("/shop/front/web", runtime.deployed.get(0).get(2).appId(), "deployed after what it depends on");
  }

  @Test
  void groupFieldsOfTheWrongTypeAre422() {
    InvalidException e = assertThrows(InvalidException.class, () -> api.putGroup(null,
        json("{'id': '/g', 'apps': {}, 'groups': 'x', 'dependencies': 1}"), true, false));
    assertEquals(List.of("/apps", "/groups", "/dependencies"),
        e.details().stream().map(v -> v.path()).toList());
  }

  @Test
  void anAutomaticRollbackByTheRuntimeStoresThePreviousDefinitionAgain() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'good'}"), false);
    Outcome bad = api.update("/a", json("{'cmd': 'bad'}"), true, false);
    api.rolledBack(bad.deploymentId());
    assertEquals("good", api.apps().get("/a").orElseThrow().cmd());
    assertEquals(3, api.apps().versions("/a").size());
    api.rolledBack("unknown");  // nothing to do, nothing thrown
  }

  @Test
  void whatADeploymentChangedSurvivesAFailover() throws Exception {
    runtime.keepInFlight = true;
    api.create(json("{'id': '/a', 'cmd': 'good'}"), false);
    runtime.inFlight.clear();
    Outcome bad = api.update("/a", json("{'cmd': 'bad'}"), true, false);
    DeploymentLog log = new DeploymentLog(state);
    log.load();
    AppStore apps = new AppStore(state, clock::now, 50);
    apps.load();
    AppsApi next = new AppsApi(apps, new GroupStore(state), log, runtime, new AppValidator(), e -> { }, clock::now);
    next.rolledBack(bad.deploymentId());
    assertEquals("good", next.apps().get("/a").orElseThrow().cmd());
    assertEquals(List.of(), state.list("deploy:"), "forgotten once rolled back");
  }
}
