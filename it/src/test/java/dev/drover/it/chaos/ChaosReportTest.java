package dev.drover.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosReportTest {
  @TempDir Path dir;

  @Test
  void aNewReportKeepsTheFindingsPeopleWrote() throws Exception {
    Path file = dir.resolve("reliability.md");
    ChaosReport.write(file, "# run 1\n");
    Files.writeString(file, Files.readString(file) + "\n## Findings\n\n- a bug, fixed\n");
    ChaosReport.write(file, "# run 2\n");
    assertEquals("# run 2\n\n## Findings\n\n- a bug, fixed\n", Files.readString(file));
  }
}
