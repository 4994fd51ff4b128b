package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCfgServerTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String fourLetters(int port, String word) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void aStandaloneConfigServesClients() throws Exception {
    int port = freePort();
    Path cfg = dir.resolve("zoo.cfg");
    Files.writeString(cfg, "tickTime=200\ndataDir=" + dir.resolve("data") + "\nclientPort=" + port
        + "\nclientPortAddress=127.0.0.1\n4lw.commands.whitelist=ruok,srvr\nadmin.enableServer=false\n");
    try (ZooCfgServer server = ZooCfgServer.start(cfg, null)) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      String answer = "";
      while (System.nanoTime() < deadline && !answer.equals("imok")) {
        try {
          answer = fourLetters(port, "ruok");
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      assertEquals("imok", answer);
    }
  }

  @Test
  void myidIsWrittenIntoTheDataDir() throws Exception {
    Path data = dir.resolve("member");
    Path cfg = dir.resolve("zoo.cfg");
    Files.writeString(cfg, "tickTime=200\ninitLimit=10\nsyncLimit=5\ndataDir=" + data + "\nclientPort="
        + freePort() + "\nserver.1=127.0.0.1:" + freePort() + ":" + freePort() + "\nserver.2=127.0.0.1:"
        + freePort() + ":" + freePort() + "\nserver.3=127.0.0.1:" + freePort() + ":" + freePort() + "\n");
    var config = ZooCfgServer.parse(cfg, 2);
    assertEquals("2", Files.readString(data.resolve("myid")).trim());
    assertEquals(2, config.getServerId());
    assertTrue(config.isDistributed());
  }

  @Test
  void aBadConfigNamesTheFileAndTheCause() throws Exception {
    Path cfg = dir.resolve("zoo.cfg");
    Files.writeString(cfg, "tickTime=200\nclientPort=2181\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZooCfgServer.parse(cfg, 1));
    assertTrue(e.getMessage().contains(cfg.toString()) && e.getMessage().contains("dataDir"), e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ZooCfgServer.parse(dir.resolve("nope.cfg"), null));
    assertTrue(missing.getMessage().contains("nope.cfg"), missing.getMessage());
  }
}
