package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@code drover completion} prints a bash script that completes every command, subcommand and option. */
class CompletionScriptTest {
  @Test
  void completesTheWholeCommandTree() {
    Cli r = Cli.run("completion");
    assertEquals(0, r.code(), r.err());
    assertEquals(CompletionScript.bash(), r.out());
    assertTrue(r.out().contains("complete -F _complete_drover") || r.out().contains("_complete_drover drover"),
        "registers the function");
    for (String word : new String[] {"status", "agents", "drain", "deployments", "rollback", "logs", "suspend",
        "--wait", "--timeout", "--output", "--log-format", "--stderr"}) {
      assertTrue(r.out().contains(word), word);
    }
  }
}
