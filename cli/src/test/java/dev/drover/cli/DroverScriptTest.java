package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source checkout's entry point, {@code ./drover}, run by bash in a fake checkout: the real script next to a
 * fake {@code mvnw} that only records its call and writes a fake distribution whose {@code bin/drover} echoes its
 * arguments. So the script's decisions (build first, saying why, or run directly) are seen without building anything.
 * The checkout lies under a directory called {@code src}, as {@code ~/src/drover} would.
 */
class DroverScriptTest {
  static final Path SCRIPT = Path.of("../drover");
  static final String FAKE_MVNW = """
      #!/bin/sh
      echo "$*" >> mvnw.calls
      bin=cli/target/drover-0-fake/drover-0-fake/bin
      mkdir -p "$bin" "$bin/../lib"
      printf '#!/bin/sh\\necho "drover ran: $*"\\n' > "$bin/drover"
      chmod +x "$bin/drover"
      echo jar > "$bin/../lib/drover-cli-0-fake.jar"
      """;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final int MODULES = 12;

  @TempDir Path tmp;
  Path root;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void fakeCheckout() throws IOException {
    root = Files.createDirectories(tmp.resolve("src/drover"));
    Files.copy(SCRIPT, root.resolve("drover"));
    Files.writeString(root.resolve("mvnw"), FAKE_MVNW);
    for (String exe : List.of("drover", "mvnw")) {
      Files.setPosixFilePermissions(root.resolve(exe), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    write("pom.xml", T0.minusSeconds(60));
    for (int i = 0; i < MODULES; i++) {
      String m = String.format("m%02d/", i);
      write(m + "pom.xml", T0.minusSeconds(60));
      write(m + "src/main/java/A.java", T0.minusSeconds(60));
      write(m + "src/test/java/ATest.java", T0.plusSeconds(60));  // tests are not part of the distribution
      // Build output that looks like sources and is newer than the distribution, as a generated or copied tree is.
      write(m + "target/generated/src/main/java/A.java", T0.plusSeconds(60));
      write(m + "target/pom.xml", T0.plusSeconds(60));
    }
    write(".drover/local/agent-1/sandbox/src/main/x.txt", T0.plusSeconds(60));
  }

  private void write(String file, Instant mtime) throws IOException {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, file);
    Files.setLastModifiedTime(p, FileTime.from(mtime));
  }

  private Run drover(String... args) throws Exception {
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("drover").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "./drover did not finish");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private int builds() throws IOException {
    Path calls = root.resolve("mvnw.calls");
    return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
  }

  private Path builtAt(Instant when) throws Exception {
    Run first = drover("version");
    assertEquals(0, first.code(), first.err());
    Path jar = root.resolve("cli/target/drover-0-fake/drover-0-fake/lib/drover-cli-0-fake.jar");
    Files.setLastModifiedTime(jar, FileTime.from(when));
    return jar;
  }

  @Test
  void theFirstRunBuildsSayingSoThenRunsTheCommand() throws Exception {
    Run run = drover("local", "--help");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("building the distribution first: no build yet"), run.err());
    assertEquals(List.of("-B -q -DskipTests install"), Files.readAllLines(root.resolve("mvnw.calls")));
    assertEquals("drover ran: local --help", run.out().trim());
  }

  @Test
  void nothingNewerThanTheBuildRunsDirectlyWhateverIsNewerUnderTargetOrHiddenDirs() throws Exception {
    builtAt(T0);
    Run run = drover("local", "--agents", "2");
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    assertEquals("drover ran: local --agents 2", run.out().trim());
    assertEquals(1, builds(), "only the first run built");
  }

  @Test
  void aChangedSourceRebuildsEvenWhenNewerFilesUnderTargetAreFoundFirst() throws Exception {
    builtAt(T0);
    write("m07/src/main/java/A.java", T0.plusSeconds(30));
    Run run = drover("status");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("sources changed since the last build (m07/src/main/java/A.java)"), run.err());
    assertEquals(2, builds());
    assertEquals("drover ran: status", run.out().trim());

    Run again = drover("status");
    assertFalse(again.err().contains("building"), "the rebuilt distribution is up to date: " + again.err());
    assertEquals(2, builds());
  }

  /**
   * A build by the test command or Maven itself: the cli jar has the build's time, but bin/drover keeps its source's
   * mtime, older than files cloned after it. Nothing was changed since the build, so it runs at once.
   */
  @Test
  void aBinLauncherOlderThanTheSourcesDoesNotMakeAFreshBuildLookStale() throws Exception {
    builtAt(T0);
    Files.setLastModifiedTime(root.resolve("cli/target/drover-0-fake/drover-0-fake/bin/drover"),
        FileTime.from(T0.minusSeconds(120)));
    Run run = drover("status");
    assertEquals("", run.err());
    assertEquals(1, builds(), "only the first run built");
  }

  @Test
  void aChangedPomRebuilds() throws Exception {
    builtAt(T0);
    write("m03/pom.xml", T0.plusSeconds(30));
    Run run = drover("status");
    assertTrue(run.err().contains("sources changed since the last build (m03/pom.xml)"), run.err());
    assertEquals(2, builds());
  }
}
