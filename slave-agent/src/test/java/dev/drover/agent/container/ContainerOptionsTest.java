package dev.drover.agent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which host paths Docker tasks may mount: inside an allowed directory, with symlinks resolved first. */
class ContainerOptionsTest {
  @TempDir
  Path tmp;

  @Test
  void aSymlinkInsideAnAllowedDirectoryCannotLeadTheMountOutsideIt() throws IOException {
    Path allowed = Files.createDirectories(tmp.resolve("allowed"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(allowed.resolve("sub"));
    Files.createSymbolicLink(allowed.resolve("escape"), outside);
    Files.createSymbolicLink(allowed.resolve("etc"), Path.of("/etc"));
    Files.createSymbolicLink(allowed.resolve("inner"), allowed.resolve("sub"));
    ContainerOptions o = ContainerOptions.defaults().withAllowedHostPaths(List.of(allowed));

    assertTrue(o.hostPathAllowed(allowed.toString()));
    assertTrue(o.hostPathAllowed(allowed.resolve("sub").toString()));
    assertTrue(o.hostPathAllowed(allowed.resolve("not-yet-there/deeper").toString()));
    assertTrue(o.hostPathAllowed(allowed.resolve("inner").toString()), "a link that stays inside is fine");
    assertFalse(o.hostPathAllowed(allowed.resolve("escape").toString()), "a link to a directory outside");
    assertFalse(o.hostPathAllowed(allowed.resolve("escape/new-file").toString()));
    assertFalse(o.hostPathAllowed(allowed.resolve("etc").toString()), "a link to /etc");
    assertFalse(o.hostPathAllowed(allowed.resolve("sub/../../outside").toString()));
    assertFalse(o.hostPathAllowed(outside.toString()));
    assertEquals(Optional.of(allowed.resolve("sub").toRealPath()), o.allowedHostPath(allowed.resolve("inner")
        .toString()), "what is mounted is the checked path, links resolved");
  }

  @Test
  void anAllowedDirectoryReachedThroughASymlinkIsTheDirectoryItPointsTo() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    ContainerOptions o = ContainerOptions.defaults().withAllowedHostPaths(List.of(link));
    assertTrue(o.hostPathAllowed(real.resolve("x").toString()));
    assertTrue(o.hostPathAllowed(link.resolve("x").toString()));
    assertFalse(o.hostPathAllowed(tmp.resolve("other").toString()));
  }

  @Test
  void nothingIsAllowedByDefault() {
    assertFalse(ContainerOptions.defaults().hostPathAllowed("/tmp"));
    assertFalse(ContainerOptions.defaults().hostPathAllowed("/"));
  }
}
