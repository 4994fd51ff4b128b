package dev.drover.apps.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.validation.AppValidator;
import org.junit.jupiter.api.Test;

class AppJsonTest {
  @Test
  void roundTripKeepsEveryFieldAndDefault() throws Exception {
    String body = """
        {"id": "/prod/web", "cmd": "python -m http.server $PORT0", "instances": 3, "cpus": 0.25, "mem": 64,
         "env": {"A": "b"}, "labels": {"team": "x"}, "constraints": [["hostname", "UNIQUE"]],
         "healthChecks": [{"protocol": "HTTP", "path": "/"}], "upgradeStrategy": {"minimumHealthCapacity": 0.5},
         "killSelection": "OLDEST_FIRST", "taskKillGracePeriodSeconds": 5}""";
    AppDefinition a = new AppValidator().validate(AppJson.MAPPER.readTree(body), "/", null)
        .withVersion("2026-01-01T00:00:00.000Z", new VersionInfo("2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z"));
    AppDefinition back = AppJson.readApp(AppJson.bytes(a));
    assertEquals(a, back);
    JsonNode tree = AppJson.tree(a);
    assertEquals(1.0, tree.path("upgradeStrategy").path("maximumOverCapacity").asDouble());
    assertEquals(0.5, tree.path("upgradeStrategy").path("minimumHealthCapacity").asDouble());
    assertEquals(1.15, tree.path("backoffFactor").asDouble());
    assertEquals(0, tree.path("portDefinitions").get(0).path("port").asInt());
    assertEquals("2026-01-01T00:00:00.000Z", tree.path("versionInfo").path("lastConfigChangeAt").asText());
    // what GET returns can be PUT back as is
    assertEquals(a.withVersion(null, null),
        new AppValidator().validate(tree, "/", null).withVersion(null, null));
  }

  @Test
  void idsResolve() {
    assertEquals("/a/b", AppIds.resolve("b", "/a").orElseThrow());
    assertEquals("/b", AppIds.resolve("../b", "/a").orElseThrow());
    assertTrue(AppIds.resolve("/A", "/").isEmpty());
    assertTrue(AppIds.resolve("/-a", "/").isEmpty());
    assertEquals("/", AppIds.parent("/a"));
    assertEquals("/a", AppIds.parent("/a/b"));
  }
}
