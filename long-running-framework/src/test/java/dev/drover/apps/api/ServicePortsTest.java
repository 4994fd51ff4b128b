package dev.drover.apps.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.FakeRuntime;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import dev.drover.apps.validation.AppValidator;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service ports left at 0 are assigned from 10000-20000 on store, kept across updates, unique across apps. */
class ServicePortsTest {
  private final ManualTimer clock = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryStateStore state = new InMemoryStateStore();
  private final FakeRuntime runtime = new FakeRuntime();
  private final AppsApi api = new AppsApi(new AppStore(state, clock::now, 50), new GroupStore(state),
      new DeploymentLog(state), runtime, new AppValidator(), e -> { }, clock::now);

  private static JsonNode json(String s) throws Exception {
    return AppJson.MAPPER.readTree(s.replace('\'', '"'));
  }

  private List<Integer> ports(String id) {
    return ServicePorts.of(api.apps().get(id).orElseThrow());
  }

  @Test
  void zeroPortsGetPortsOfTheirOwnKeptAcrossUpdates() throws Exception {
    api.create(json("{'id': '/a', 'cmd': 'x'}"), false);
    api.create(json("{'id': '/b', 'cmd': 'x', 'portDefinitions': [{'port': 0}, {'port': 0}]}"), false);
    api.create(json("{'id': '/c', 'cmd': 'x', 'portDefinitions': [{'port': 12345}]}"), false);
    List<Integer> a = ports("/a");
    List<Integer> b = ports("/b");
    assertEquals(1, a.size());
    assertEquals(2, b.size());
    assertTrue(a.get(0) >= ServicePorts.MIN && a.get(0) <= ServicePorts.MAX, a.toString());
    assertNotEquals(b.get(0), b.get(1));
    assertTrue(!b.contains(a.get(0)), a + " " + b);
    assertEquals(List.of(12345), ports("/c"));

    api.update("/b", json("{'cmd': 'y', 'portDefinitions': [{'port': 0}, {'port': 0}]}"), false, false);
    assertEquals(b, ports("/b"), "a PUT with zeros keeps the app's ports");
    api.update("/a", json("{'instances': 3}"), true, false);
    assertEquals(a, ports("/a"));
    AppDefinition stored = api.apps().get("/a").orElseThrow();
    assertEquals(3, stored.instances());
  }

  @Test
  void bridgeMappingsGetServicePortsAndRequirePortsKeepsZeros() throws Exception {
    api.create(json("{'id': '/web', 'container': {'type': 'DOCKER', 'docker': {'image': 'busybox',"
        + " 'network': 'BRIDGE', 'portMappings': [{'containerPort': 80}]}}}"), false);
    assertEquals(1, ports("/web").size());
    assertTrue(ports("/web").get(0) >= ServicePorts.MIN);
    api.create(json("{'id': '/fixed', 'cmd': 'x', 'requirePorts': true, 'portDefinitions': [{'port': 0}]}"),
        false);
    assertEquals(List.of(), ports("/fixed"));
  }
}
