package dev.drover.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.AutoComplete;

/**
 * Writes the bash completion script of the whole command tree (what {@code drover completion} prints) to the file
 * named by its argument; the build runs it so the tarball's {@code completion/drover.bash} always matches the code.
 */
public final class CompletionScript {
  private CompletionScript() {}

  static String bash() {
    return AutoComplete.bash("drover", Drover.commandLine(java.util.Map.of(), new Properties()));
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, bash());
  }
}
