package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.security.Security;
import dev.drover.security.config.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecurityOptionsTest {
  @TempDir Path dir;

  @Test
  void certsThenAFileThenFlagsOverridingIt() throws Exception {
    assertEquals(0, new CommandLine(new CertsCommand()).execute("--out", dir.toString(), "--hosts", "node1",
        "--principals", "agent,ops"));
    for (String f : new String[] {"ca.pem", "server.pem", "server-key.pem", "agent.pem", "agent.token",
        "credentials.yaml"}) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    Files.writeString(dir.resolve("sec.yaml"), """
        tls: {cert: server.pem, key: server-key.pem, ca: ca.pem}
        credentials: credentials.yaml
        client: {principal: agent, secretFile: agent.token}
        """);
    Files.writeString(dir.resolve("acls.yaml"), "rules: []\n");
    MasterCommand master = new MasterCommand();
    new CommandLine(master).parseArgs("--security", dir.resolve("sec.yaml").toString(), "--tls-client-auth",
        "require", "--acls", dir.resolve("acls.yaml").toString());
    SecurityConfig c = master.security.config();
    assertEquals(dir.resolve("server.pem").toString(), c.tls().cert());
    assertEquals(SecurityConfig.ClientAuth.REQUIRE, c.tls().clientAuthMode());
    assertEquals(dir.resolve("acls.yaml").toString(), c.acls());
    Security s = master.security.security();
    assertTrue(s.servesTls() && s.authenticates() && s.authorizer().enabled(), s.toString());
    assertTrue(s.clientAuthorization().orElseThrow().startsWith("Bearer "));
  }

  @Test
  void noFlagsMeansInsecure() {
    AgentCommand agent = new AgentCommand();
    new CommandLine(agent).parseArgs("--work-dir", dir.toString());
    Security s = agent.security.security();
    assertEquals(3, s.insecurities().size());
    assertFalse(agent.config().containers().allowRootTasks(), "drover agent refuses root tasks by default");
    assertFalse(agent.config().containers().allowHostNetwork());
    AgentCommand allowing = new AgentCommand();
    new CommandLine(allowing).parseArgs("--work-dir", dir.toString(), "--allow-root-tasks",
        "--docker-allow-host-network");
    assertTrue(allowing.config().containers().allowRootTasks() && allowing.config().containers().allowHostNetwork());
  }
}
