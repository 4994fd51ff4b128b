package dev.drover.agent.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.Resources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceDetectorTest {
  @Test
  void detectsCpusMemDiskAndDefaultPorts(@TempDir Path dir) {
    Resources r = ResourceDetector.detect(dir.resolve("not-yet-created"));
    assertEquals(Runtime.getRuntime().availableProcessors(), r.cpus());
    assertTrue(r.mem() > 0, "mem " + r.mem());
    assertTrue(r.disk() > 0, "disk " + r.disk());
    assertEquals(ResourceDetector.DEFAULT_PORTS, r.ports());
    assertEquals("[31000-32000]", r.ports().toString());
  }

  @Test
  void reserveIsOneGibOrHalf() {
    assertEquals(15 * 1024, ResourceDetector.afterReserve(16 * 1024));
    assertEquals(768, ResourceDetector.afterReserve(1536));
    assertEquals(256, ResourceDetector.afterReserve(512));
    assertEquals(0, ResourceDetector.afterReserve(0));
  }

  @Test
  void overridesReplaceByNameAndAddNewOnes() {
    Resources detected = Resources.parse("cpus:8;mem:30000;disk:100000;ports:[31000-32000]");
    Resources merged = ResourceDetector.merge(detected,
        Resources.parse("cpus:2;ports:[31000-31010];gpus:1;zones:{a,b}"));
    assertEquals(Resources.parse("cpus:2;mem:30000;disk:100000;ports:[31000-31010];gpus:1;zones:{a,b}"), merged);
  }

  @Test
  void emptyOverridesKeepDetected() {
    Resources detected = Resources.parse("cpus:8;mem:30000");
    assertEquals(detected, ResourceDetector.merge(detected, Resources.parse("")));
  }
}
