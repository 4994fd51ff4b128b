package dev.drover.master.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.Attribute;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.maintenance.DrainRecord;
import dev.drover.master.rpc.RegistryWire;
import dev.drover.model.Resources;
import dev.drover.zk.EmbeddedZooKeeper;
import dev.drover.zk.ZkClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ZooKeeper registry against a real embedded server: what one client writes, another reads back whole. */
class ZkRegistryStoreTest {
  @TempDir
  Path tmp;

  private EmbeddedZooKeeper zk;
  private CuratorFramework writer;
  private CuratorFramework reader;

  @BeforeEach
  void start() {
    zk = EmbeddedZooKeeper.startLocal(tmp.resolve("zk"));
    writer = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5));
    reader = ZkClients.start(zk.connectString("/drover"), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    reader.close();
    writer.close();
    zk.close();
  }

  @Test
  void agentsFrameworksAndDrainsRoundTrip() {
    ZkRegistryStore store = new ZkRegistryStore(writer, new RegistryWire());
    assertEquals(Registry.EMPTY, store.load(), "nothing written yet");
    AgentDescriptor agent = new AgentDescriptor("h1", 5052, Resources.parse("cpus:2;mem:1024;ports:[31000-31010]"),
        List.of(Attribute.text("rack", "r1")), "eu", "a", "0.1");
    FrameworkDescriptor framework = new FrameworkDescriptor("apps", "root", List.of("web", "batch"), 604800, true,
        List.of(FrameworkDescriptor.PARTITION_AWARE), "p", "http://ui", "host");
    store.putAgent(new RegisteredAgent("a1", agent));
    store.putAgent(new RegisteredAgent("a1", agent.withResources(Resources.parse("cpus:4;mem:1024"))));
    store.putAgent(new RegisteredAgent("a2", agent));
    store.removeAgent("a2");
    store.removeAgent("never-there");
    store.putFramework(new RegisteredFramework("f1", framework));
    DrainRecord drain = new DrainRecord("a1", Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofSeconds(30), true);
    store.putDrain(drain);
    RoleRecord weighted = new RoleRecord("web", 2.5, Resources.EMPTY);
    RoleRecord capped = new RoleRecord("batch", 1.0, Resources.parse("cpus:4.5;mem:4096"));
    store.putRole(weighted);
    store.putRole(capped);

    Registry r = new ZkRegistryStore(reader, new RegistryWire()).load();
    assertEquals(List.of(new RegisteredAgent("a1", agent.withResources(Resources.parse("cpus:4;mem:1024")))),
        r.agents());
    assertEquals(List.of(new RegisteredFramework("f1", framework)), r.frameworks());
    assertEquals(List.of(drain), r.drains());
    assertEquals(java.util.Set.of(weighted, capped), java.util.Set.copyOf(r.roles()));

    store.removeFramework("f1");
    store.removeDrain("a1");
    store.removeRole("web");
    Registry after = new ZkRegistryStore(reader, new RegistryWire()).load();
    assertTrue(after.frameworks().isEmpty() && after.drains().isEmpty());
    assertEquals(List.of(capped), after.roles());
  }

  @Test
  void manyAgentsLoadInOnePipelinedRead() {
    ZkRegistryStore store = new ZkRegistryStore(writer, new RegistryWire());
    AgentDescriptor agent = new AgentDescriptor("h", 5052, Resources.parse("cpus:1"), List.of(), "", "", "");
    for (int i = 0; i < 300; i++) {
      store.putAgent(new RegisteredAgent("a" + i, agent));
    }
    assertEquals(300, new ZkRegistryStore(reader, new RegistryWire()).load().agents().size());
  }

  @Test
  void theRegistrarSkipsWritesOfUnchangedRecords() throws Exception {
    InMemoryRegistryStore store = new InMemoryRegistryStore();
    Registrar registrar = new Registrar(store);
    RegisteredFramework f = new RegisteredFramework("f1", new FrameworkDescriptor("fw", "u", List.of(), 0, false,
        List.of(), "", "", ""));
    registrar.putFramework(f).get();
    store.failWrites("must not be called");
    registrar.putFramework(f).get();
    registrar.close();
  }

  @Test
  void batchedAgentWritesCreateAndReplaceInMultiOps() {
    ZkRegistryStore store = new ZkRegistryStore(writer, new RegistryWire());
    AgentDescriptor agent = new AgentDescriptor("h", 5052, Resources.parse("cpus:1"), List.of(), "", "", "");
    store.putAgent(new RegisteredAgent("a0", agent));
    List<RegisteredAgent> batch = new java.util.ArrayList<>();
    for (int i = 0; i < ZkRegistryStore.BATCH + 20; i++) {
      batch.add(new RegisteredAgent("a" + i, agent.withResources(Resources.parse("cpus:2"))));
    }
    store.putAgents(batch, java.util.Set.of());  // a wrong hint for a0 (it exists): written one by one instead
    Registry r = new ZkRegistryStore(reader, new RegistryWire()).load();
    assertEquals(ZkRegistryStore.BATCH + 20, r.agents().size());
    assertTrue(r.agents().stream().allMatch(a -> a.info().resources().equals(Resources.parse("cpus:2"))));
  }

  @Test
  void aFencedStoreWritesOnlyWhileItsElectionNodeExists() throws Exception {
    String node = writer.create().creatingParentsIfNeeded().withMode(org.apache.zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath(dev.drover.zk.ZkPaths.MASTER_ELECTION + "/latch-");
    java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> fence =
        new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.of(node));
    ZkRegistryStore store = new ZkRegistryStore(writer, new RegistryWire(), fence::get);
    AgentDescriptor agent = new AgentDescriptor("h", 5052, Resources.parse("cpus:1"), List.of(), "", "", "");
    store.putAgent(new RegisteredAgent("a1", agent));
    store.putAgents(List.of(new RegisteredAgent("a2", agent)), java.util.Set.of());

    reader.delete().forPath(node);  // as when this master's session expires and another master leads
    org.junit.jupiter.api.Assertions.assertThrows(FencedException.class,
        () -> store.putAgent(new RegisteredAgent("a3", agent)));
    org.junit.jupiter.api.Assertions.assertThrows(FencedException.class,
        () -> store.putAgents(List.of(new RegisteredAgent("a4", agent)), java.util.Set.of()));
    org.junit.jupiter.api.Assertions.assertThrows(FencedException.class, () -> store.removeAgent("a1"));
    fence.set(java.util.Optional.empty());
    org.junit.jupiter.api.Assertions.assertThrows(FencedException.class,
        () -> store.putFramework(new RegisteredFramework("f1", new FrameworkDescriptor("fw", "u", List.of(), 0,
            false, List.of(), "", "", ""))));
    assertEquals(List.of("a1", "a2"), new ZkRegistryStore(reader, new RegistryWire()).load().agents().stream()
        .map(RegisteredAgent::id).sorted().toList(), "the refused writes changed nothing");
  }
}
