package dev.drover.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resync from Marathon's app list, then events applied in order (issue 12: only ready instances are routed). */
class RoutingStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RoutingState state = new RoutingState();

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final String APPS = "{'apps': ["
      + "{'id': '/web', 'portDefinitions': [{'port': 10001}], 'labels': {'DROVER_ROUTER_0_VHOST': 'web.local',"
      + "  'DROVER_ROUTER_BALANCE': 'leastconn'}, 'healthChecks': [{'protocol': 'HTTP'}], 'tasks': ["
      + "  {'id': 'w1', 'host': 'h1', 'ports': [31001], 'state': 'TASK_RUNNING', 'healthCheckResults': [{'alive': true}]},"
      + "  {'id': 'w2', 'host': 'h2', 'ports': [31002], 'state': 'TASK_RUNNING', 'healthCheckResults': [{'alive': false}]},"
      + "  {'id': 'w3', 'host': 'h3', 'ports': [31003], 'state': 'TASK_RUNNING'},"
      + "  {'id': 'w4', 'host': 'h4', 'ports': [31004], 'state': 'TASK_KILLING', 'healthCheckResults': [{'alive': true}]}]},"
      + "{'id': '/db', 'container': {'type': 'DOCKER', 'portMappings': [{'containerPort': 5432, 'servicePort': 10002}]},"
      + "  'tasks': [{'id': 'd1', 'host': 'h1', 'ports': [31010], 'state': 'TASK_RUNNING'},"
      + "            {'id': 'd2', 'host': 'h2', 'ports': [31011], 'state': 'TASK_STAGING'}]}]}";

  List<String> tcpTasks(int port) {
    Pool p = state.table().tcp().get(port);
    return p == null ? List.of() : p.targets().stream().map(Target::taskId).toList();
  }

  @Test
  void aResyncRoutesOnlyReadyInstances() {
    state.resync(AppsSnapshot.parse(json(APPS)));
    RoutingTable t = state.table();
    assertEquals(List.of("w1"), tcpTasks(10001), "healthy only; unhealthy, unknown health and killing left out");
    assertEquals(List.of("d1"), tcpTasks(10002), "running only (no health checks); staging left out");
    assertEquals(Balance.LEASTCONN, t.tcp().get(10001).balance());
    assertEquals("h1:31001", t.match("web.local:80", "/x").orElseThrow().pool().targets().get(0).address());
    assertEquals(4 + 2, state.backends().size());
  }

  @Test
  void eventsAddHealthyInstancesAndDropDrainingAndDeadOnes() {
    state.resync(AppsSnapshot.parse(json(APPS)));
    assertEquals(RoutingState.Outcome.CHANGED, state.apply("status_update_event", json(
        "{'taskId': 'd2', 'appId': '/db', 'host': 'h2', 'ports': [31011], 'taskStatus': 'TASK_RUNNING'}")));
    assertEquals(List.of("d1", "d2"), tcpTasks(10002));
    state.apply("health_status_changed_event", json("{'appId': '/web', 'taskId': 'w2', 'alive': true}"));
    assertEquals(List.of("w1", "w2"), tcpTasks(10001));
    state.apply("instance_draining_event", json("{'appId': '/web', 'taskId': 'w1', 'drainSeconds': 2}"));
    assertEquals(List.of("w2"), tcpTasks(10001), "a draining instance leaves the pool at once");
    state.apply("health_status_changed_event", json("{'appId': '/web', 'taskId': 'w1', 'alive': true}"));
    assertEquals(List.of("w2"), tcpTasks(10001), "and does not come back when healthy");
    state.apply("status_update_event", json("{'taskId': 'd1', 'appId': '/db', 'taskStatus': 'TASK_KILLED'}"));
    assertEquals(List.of("d2"), tcpTasks(10002));
    state.apply("instance_changed_event", json("{'instanceId': 'd2', 'runSpecId': '/db', 'condition': 'Failed'}"));
    assertTrue(tcpTasks(10002).isEmpty());
    state.apply("health_status_changed_event", json("{'appId': '/web', 'taskId': 'w2', 'alive': false}"));
    assertTrue(tcpTasks(10001).isEmpty(), "an unhealthy instance leaves the pool");
    assertTrue(state.table().tcp().containsKey(10001), "the port stays routed (to nothing: refused)");
  }

  @Test
  void aNewTaskOfAnUnknownAppOrADefinitionChangeAsksForAResync() {
    state.resync(AppsSnapshot.parse(json(APPS)));
    assertEquals(RoutingState.Outcome.RESYNC, state.apply("status_update_event", json(
        "{'taskId': 'n1', 'appId': '/new', 'host': 'h1', 'ports': [1], 'taskStatus': 'TASK_RUNNING'}")));
    assertEquals(RoutingState.Outcome.RESYNC, state.apply("deployment_success", json("{'id': 'x'}")));
    assertEquals(RoutingState.Outcome.UNCHANGED, state.apply("event_stream_attached", json("{}")));
    assertEquals(RoutingState.Outcome.CHANGED, state.apply("app_terminated_event", json("{'appId': '/db'}")));
    assertTrue(!state.table().tcp().containsKey(10002));
  }

  @Test
  void aStartingTaskIsKnownButNotReadyUntilRunning() {
    state.resync(AppsSnapshot.parse(json(APPS)));
    state.apply("status_update_event", json(
        "{'taskId': 'd3', 'appId': '/db', 'host': 'h3', 'ports': [31012], 'taskStatus': 'TASK_STARTING'}"));
    assertEquals(List.of("d1"), tcpTasks(10002));
    state.apply("status_update_event", json(
        "{'taskId': 'd3', 'appId': '/db', 'host': 'h3', 'ports': [31012], 'taskStatus': 'TASK_RUNNING'}"));
    assertEquals(List.of("d1", "d3"), tcpTasks(10002));
  }

  @Test
  void twoAppsClaimingOnePortOrHostAreReportedAndTheFirstWins() {
    state.resync(AppsSnapshot.parse(json("{'apps': ["
        + "{'id': '/a', 'portDefinitions': [{'port': 10005}], 'labels': {'DROVER_ROUTER_0_VHOST': 'x.local'}},"
        + "{'id': '/b', 'portDefinitions': [{'port': 10005}], 'labels': {'DROVER_ROUTER_0_VHOST': 'x.local'}}]}")));
    RoutingTable t = state.table();
    assertEquals("/a", t.tcp().get(10005).appId());
    assertEquals("/a", t.match("x.local", "/").orElseThrow().pool().appId());
    assertEquals(2, t.conflicts().size(), t.conflicts().toString());
  }
}
