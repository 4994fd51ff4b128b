package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The completion script shipped in the tarball is what {@code drover completion} prints today. */
class CompletionScriptTest {
  @Test
  void theShippedScriptIsUpToDate() throws Exception {
    Cli r = Cli.run("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F _complete_drover") || r.out().contains("_complete_drover"), r.out());
    for (String word : new String[] {"status", "agents", "deployments", "rollback", "logs", "suspend"}) {
      assertTrue(r.out().contains(word), word);
    }
    Path shipped = Path.of("src/main/dist/completion/drover.bash");
    assertEquals(r.out(), Files.readString(shipped),
        "regenerate it: bin/drover completion > cli/src/main/dist/completion/drover.bash");
  }
}
