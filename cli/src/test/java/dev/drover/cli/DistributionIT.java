package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as an operator gets it (run by failsafe after {@code package}): unpacked with tar, its launcher runs,
 * and every file docs/install.md names is there.
 */
class DistributionIT {
  @Test
  void unpacksAndRuns(@TempDir Path dir) throws Exception {
    String version = Drover.version();
    Path tarball = Path.of("target", "drover-" + version + ".tar.gz");
    assertTrue(Files.isRegularFile(tarball), "no " + tarball + ": run ./mvnw -pl cli verify");
    assertEquals(0, run(dir, "tar", "xzf", tarball.toAbsolutePath().toString()).exit);
    Path home = dir.resolve("drover-" + version);
    for (String f : List.of("bin/drover", "conf/master.env", "conf/master.properties", "conf/agent.env",
        "conf/agent.properties", "conf/apps.env", "conf/apps.properties", "conf/jobs.env", "conf/jobs.properties",
        "conf/zk.env", "conf/zoo.cfg", "conf/zk/zoo-ensemble.cfg", "conf/logback.xml", "conf/logback-json.xml",
        "systemd/drover-zk.service", "systemd/drover-master.service", "systemd/drover-agent.service",
        "systemd/drover-apps.service", "systemd/drover-jobs.service", "grafana/drover.json",
        "completion/drover.bash", "docs/install.md", "docs/metrics.md", "docs/cli.md")) {
      assertTrue(Files.exists(home.resolve(f)), f + " missing from the tarball");
    }
    assertTrue(Files.isExecutable(home.resolve("bin/drover")));

    Result v = run(dir, home.resolve("bin/drover").toString(), "--version");
    assertEquals(0, v.exit, v.text);
    assertEquals("drover " + version, v.text.strip());
    Result help = run(dir, home.resolve("bin/drover").toString(), "status", "--help");
    assertEquals(0, help.exit, help.text);
    assertTrue(help.text.contains("Usage: drover status"), help.text);
    assertTrue(help.text.contains("--master"), help.text);

    // DROVER_LOG_FORMAT=json: every log line of a component is one JSON object (conf/logback-json.xml)
    Path log = dir.resolve("zk.log");
    ProcessBuilder zk = new ProcessBuilder(home.resolve("bin/drover").toString(), "zk", "--port", "0",
        "--data-dir", dir.resolve("zk").toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    zk.environment().put("JAVA_HOME", System.getProperty("java.home"));
    zk.environment().put("DROVER_LOG_FORMAT", "json");
    Process p = zk.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("serving on") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      List<String> lines = Files.readAllLines(log);
      assertFalse(lines.isEmpty(), "no log from drover zk");
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      boolean serving = false;
      for (String line : lines) {
        var e = json.readTree(line);
        assertTrue(e.has("level") && e.has("loggerName"), line);
        serving |= e.path("formattedMessage").asText().contains("serving on 127.0.0.1:");
      }
      assertTrue(serving, String.join("\n", lines));
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private record Result(int exit, String text) {}

  private static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not end");
    return new Result(p.exitValue(), Files.readString(out));
  }
}
