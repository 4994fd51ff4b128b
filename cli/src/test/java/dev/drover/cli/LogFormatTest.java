package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheConfigFile() {
    Properties file = new Properties();
    file.setProperty("log-format", "json");
    assertEquals("json", LogFormat.requested(List.of("master"), Map.of(), file));
    assertEquals("text", LogFormat.requested(List.of("master"), Map.of("DROVER_LOG_FORMAT", "text"), file));
    assertEquals("json", LogFormat.requested(List.of("master", "--log-format", "JSON"),
        Map.of("DROVER_LOG_FORMAT", "text"), file));
    assertEquals("json", LogFormat.requested(List.of("--log-format=json", "agent"), Map.of(), new Properties()));
    assertEquals("text", LogFormat.requested(List.of("agent"), Map.of(), new Properties()));
  }

  @Test
  void everyComponentAcceptsTheFlag() {
    for (String c : new String[] {"master", "agent", "apps", "jobs", "zk", "local"}) {
      Cli r = Cli.run(c, "--log-format", "json", "--help");
      assertEquals(0, r.code(), c + ": " + r.err());
      assertTrue(r.out().contains("--log-format=text|json"), c);
    }
  }
}
