package dev.drover.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one ensemble member's zoo.cfg the way docs/install.md and zk-config/README.md tell an operator to: copy
 * {@code zk-config/templates/zoo-ensemble.cfg} and change only the host-specific lines (dataDir, the client port and
 * address, the {@code server.N} lines). Every other setting (tickTime, session limits, initLimit, ...) is the
 * template's.
 */
final class ZooCfg {
  /** One member's ports on 127.0.0.1. */
  record Member(int id, int clientPort, int quorumPort, int electionPort) {}

  private ZooCfg() {}

  static Path template() {
    for (Path p : List.of(Path.of("../zk-config/templates/zoo-ensemble.cfg"),
        Path.of("zk-config/templates/zoo-ensemble.cfg"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("zk-config/templates/zoo-ensemble.cfg not found from "
        + Path.of("").toAbsolutePath());
  }

  static Path write(Path file, Path dataDir, Member self, List<Member> all) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(template())) {
      String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).trim() : "";
      if (key.startsWith("server.")) {
        continue;
      }
      out.add(switch (key) {
        case "dataDir" -> "dataDir=" + dataDir;
        case "clientPort" -> "clientPort=" + self.clientPort();
        case "clientPortAddress" -> "clientPortAddress=127.0.0.1";
        default -> line;
      });
    }
    for (Member m : all) {
      out.add("server." + m.id() + "=127.0.0.1:" + m.quorumPort() + ":" + m.electionPort());
    }
    Files.createDirectories(file.getParent());
    Files.write(file, out);
    return file;
  }
}
