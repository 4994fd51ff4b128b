package dev.drover.sdk.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.sdk.TaskSpec;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretEnvTest {
  private final TaskSpec spec = TaskSpec.builder("t1").resources(Resources.parse("cpus:0.1")).shell("true")
      .env("PLAIN", "visible").secretEnv("DB_PASSWORD", "hunter2-very-secret").secretEnv("API_KEY", "k-123456")
      .build();

  @Test
  void secretValuesGoToTheAgentMarkedSecret() {
    TaskInfo t = TaskProtos.toProto(spec, "agent-1");
    Map<String, CommandInfo.EnvironmentVariable> env = t.getCommand().getEnvironmentList().stream()
        .collect(Collectors.toMap(CommandInfo.EnvironmentVariable::getName, v -> v));
    assertEquals("hunter2-very-secret", env.get("DB_PASSWORD").getValue());
    assertTrue(env.get("DB_PASSWORD").getSecret());
    assertTrue(env.get("API_KEY").getSecret());
    assertFalse(env.get("PLAIN").getSecret());
  }

  @Test
  void toStringRedactsSecretValuesOnly() {
    String text = spec.toString();
    assertFalse(text.contains("hunter2-very-secret") || text.contains("k-123456"), text);
    assertTrue(text.contains("DB_PASSWORD=***") && text.contains("PLAIN=visible"), text);
    assertEquals(java.util.Set.of("DB_PASSWORD", "API_KEY"), spec.secretEnvNames());
  }
}
