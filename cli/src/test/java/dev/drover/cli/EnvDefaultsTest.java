package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EnvDefaultsTest {
  private static MasterCommand parse(Map<String, String> env, Properties file, String... args) {
    MasterCommand cmd = new MasterCommand();
    new CommandLine(cmd).setDefaultValueProvider(new EnvDefaults(env, file)).parseArgs(args);
    return cmd;
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() {
    Properties file = new Properties();
    file.setProperty("http-port", "6000");
    file.setProperty("grpc-port", "6001");
    file.setProperty("zk", "file:2181/x");
    Map<String, String> env = Map.of("DROVER_HTTP_PORT", "7000", "DROVER_ZK", "env:2181/y");

    MasterCommand cmd = parse(env, file, "--zk", "flag:2181/z");
    assertEquals("flag:2181/z", cmd.zk.zk);
    assertEquals(7000, cmd.httpPort);
    assertEquals(6001, cmd.grpcPort);
    assertEquals("0.0.0.0", cmd.listen.bind);
  }

  @Test
  void envNamesFollowTheLongOption() {
    assertEquals("DROVER_WORK_DIR", EnvDefaults.envName("--work-dir"));
    assertEquals("DROVER_ZK", EnvDefaults.envName("--zk"));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofSeconds(10), c.convert("10s"));
    assertEquals(Duration.ofMinutes(2), c.convert("2m"));
    assertEquals(Duration.ofSeconds(4), c.convert("PT4S"));
    assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("soon"));
  }

  @Test
  void badFlagValueIsAUsageErrorNotAStackTrace() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Drover()).setErr(new java.io.PrintWriter(err));
    int code = cli.execute("master", "--http-port", "many");
    assertEquals(2, code);
    org.junit.jupiter.api.Assertions.assertTrue(err.toString().contains("--http-port"), err.toString());
  }

  @Test
  void localModeSplitsTheMachineBetweenAgents() {
    String first = LocalCommand.share(0, 2);
    String second = LocalCommand.share(1, 2);
    org.junit.jupiter.api.Assertions.assertTrue(first.endsWith("ports:[31000-31499]"), first);
    org.junit.jupiter.api.Assertions.assertTrue(second.endsWith("ports:[31500-31999]"), second);
    dev.drover.model.Resources.parse(first);
  }
}
