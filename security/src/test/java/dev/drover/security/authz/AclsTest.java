package dev.drover.security.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclsTest {
  @TempDir Path dir;

  @Test
  void firstMatchingRuleWinsAndDefaultIsDeny() throws Exception {
    Path f = dir.resolve("acls.yaml");
    Files.writeString(f, """
        rules:
          - {principals: [apps], action: register_framework, objects: [web]}
          - {principals: ["*"], action: register_framework, objects: ["*"], allow: false}
          - {principals: [ops], action: view_apps, objects: ["/v2/apps/team-a/*"]}
        """);
    Acls acls = Acls.load(f);
    assertTrue(acls.decide("apps", Action.REGISTER_FRAMEWORK, "web").allowed());
    Decision d = acls.decide("apps", Action.REGISTER_FRAMEWORK, "prod");
    assertFalse(d.allowed());
    assertEquals(1, d.ruleIndex());
    assertTrue(d.describe().contains("rule #1"), d.describe());
    assertTrue(acls.decide("ops", Action.VIEW_APPS, "/v2/apps/team-a/web").allowed());
    Decision none = acls.decide("ops", Action.VIEW_APPS, "/v2/apps/team-b/web");
    assertFalse(none.allowed());
    assertEquals(-1, none.ruleIndex());
  }

  @Test
  void permissiveDefault() {
    assertTrue(new Acls(true, null).decide("x", Action.DRAIN_AGENT, "a1").allowed());
    assertFalse(new Acls(null, null).decide("x", Action.DRAIN_AGENT, "a1").allowed());
  }

  @Test
  void unknownActionIsAClearError() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"rules\": [{\"principals\": [\"a\"], \"action\": \"launch_rockets\"}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Acls.load(f));
    assertTrue(e.getMessage().contains("launch_rockets") && e.getMessage().contains("bad.json"), e.getMessage());
  }
}
