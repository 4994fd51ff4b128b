package dev.drover.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.security.config.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings files are checked at start with messages naming what is wrong; nothing secret is printed. */
class SecurityTest {
  @TempDir Path dir;

  @Test
  void insecureByDefaultAndSaysWhy() {
    Security s = Security.insecure();
    assertFalse(s.servesTls() || s.authenticates() || s.authorizer().enabled());
    assertEquals(3, s.insecurities().size());
    assertEquals("http", s.httpScheme());
  }

  @Test
  void badSettingsFailNamingTheSetting() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "tls: {cert: nope.pem}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Security.load(dir.resolve("a.yaml")));
    assertTrue(e.getMessage().contains("cert and key"), e.getMessage());
    Files.writeString(dir.resolve("b.yaml"), "tls: {clientAuth: sometimes}\n");
    e = assertThrows(IllegalArgumentException.class, () -> Security.load(dir.resolve("b.yaml")));
    assertTrue(e.getMessage().contains("tls.clientAuth"), e.getMessage());
    Files.writeString(dir.resolve("c.yaml"), "tsl: {}\n");
    e = assertThrows(IllegalArgumentException.class, () -> Security.load(dir.resolve("c.yaml")));
    assertTrue(e.getMessage().contains("tsl") && e.getMessage().contains("c.yaml"), e.getMessage());
    Files.writeString(dir.resolve("empty.token"), "\n");
    Files.writeString(dir.resolve("d.yaml"), "client: {principal: x, secretFile: empty.token}\n");
    e = assertThrows(IllegalArgumentException.class, () -> Security.load(dir.resolve("d.yaml")));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void relativePathsResolveAgainstTheFile() throws Exception {
    Files.writeString(dir.resolve("agent.token"), "a-token-of-sufficient-length\n");
    Files.writeString(dir.resolve("s.yaml"), "client: {principal: agent, secretFile: agent.token}\n");
    SecurityConfig c = SecurityConfig.load(dir.resolve("s.yaml"));
    assertEquals(dir.resolve("agent.token").toAbsolutePath().toString(), c.client().secretFile());
    Security s = Security.of(c);
    assertEquals("Bearer a-token-of-sufficient-length", s.clientAuthorization().orElseThrow());
    assertFalse(s.toString().contains("a-token"));
  }
}
