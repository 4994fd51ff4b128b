package dev.drover.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCfgTest {
  @TempDir Path dir;

  @Test
  void onlyTheHostSpecificLinesOfTheTemplateChange() throws Exception {
    List<ZooCfg.Member> all = List.of(new ZooCfg.Member(1, 101, 201, 301), new ZooCfg.Member(2, 102, 202, 302),
        new ZooCfg.Member(3, 103, 203, 303));
    Path cfg = ZooCfg.write(dir.resolve("zk-2/zoo.cfg"), dir.resolve("data"), all.get(1), all);
    Properties written = new Properties();
    written.load(Files.newBufferedReader(cfg));
    Properties template = new Properties();
    template.load(Files.newBufferedReader(ZooCfg.template()));

    assertEquals(dir.resolve("data").toString(), written.getProperty("dataDir"));
    assertEquals("102", written.getProperty("clientPort"));
    assertEquals("127.0.0.1", written.getProperty("clientPortAddress"));
    assertEquals("127.0.0.1:203:303", written.getProperty("server.3"));
    assertFalse(Files.readString(cfg).contains("example.internal"));
    for (String key : template.stringPropertyNames()) {
      if (!key.startsWith("server.") && !List.of("dataDir", "clientPort", "clientPortAddress").contains(key)) {
        assertEquals(template.getProperty(key), written.getProperty(key), key + " is the template's");
      }
    }
    assertTrue(template.containsKey("tickTime"));
  }
}
