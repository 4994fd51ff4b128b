package dev.drover.testkit;

import dev.drover.master.Master;
import dev.drover.master.MasterConfig;
import dev.drover.model.Resources;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.toolkit.ManualTimer;
import dev.drover.zk.EmbeddedZooKeeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process Drover cluster for framework tests: an embedded ZooKeeper (200 ms tick), real masters (gRPC and
 * HTTP on free 127.0.0.1 ports, 1 s ZooKeeper sessions, fast heartbeats) and N agents, simulated or real.
 *
 * <pre>{@code
 * @RegisterExtension
 * static DroverCluster cluster = DroverCluster.builder().agents(3).simulated().build();
 * }</pre>
 *
 * <p>As a JUnit 5 extension on a static field it starts before all tests and stops after them; on an instance field,
 * around each test. It can also be used directly with {@link #start()} and {@link #close()}.
 *
 * <p>Thread-safe. Agents are named {@code agent-1} … {@code agent-N} (their hostnames in offers).
 */
public final class DroverCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, AutoCloseable {
  private final ClusterSettings settings;
  private final Optional<ManualTimer> clock;
  private final List<Master> masters = new CopyOnWriteArrayList<>();
  private final List<ClusterAgent> agents = new CopyOnWriteArrayList<>();
  private Path dir;
  private EmbeddedZooKeeper zk;
  private boolean perTest;

  DroverCluster(ClusterSettings settings) {
    this.settings = settings;
    this.clock = settings.manualClock() ? Optional.of(new ManualTimer()) : Optional.empty();
  }

  public static DroverClusterBuilder builder() {
    return new DroverClusterBuilder();
  }

  /** Starts ZooKeeper, the masters (waiting for a leader) and the agents (waiting until all registered). */
  public synchronized DroverCluster start() {
    if (zk != null) {
      return this;
    }
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(base);
      dir = Files.createTempDirectory(base, "drover-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    zk = EmbeddedZooKeeper.start("127.0.0.1", 0, dir.resolve("zk"), 200);
    List<CompletableFuture<ClusterAgent>> starting = new ArrayList<>();
    for (int i = 1; i <= settings.agents(); i++) {
      int n = i;
      starting.add(CompletableFuture.supplyAsync(() -> startAgent(n)));  // agents wait for a leader on their own
    }
    for (int i = 0; i < settings.masters(); i++) {
      masters.add(startMaster());
    }
    starting.forEach(f -> agents.add(f.join()));
    leader();
    Await.until("all agents registered", settings.timeout(), () -> agents.stream()
        .allMatch(a -> a.agentId().isPresent()));
    return this;
  }

  private Master startMaster() {
    return Master.start(MasterConfig.defaults(zkConnect()).withHostname("127.0.0.1").withBindAddress("127.0.0.1")
        .withHttpPort(0).withGrpcPort(0).withZkSessionTimeout(Duration.ofSeconds(1))
        .withHeartbeatInterval(Duration.ofMillis(300)).withPingInterval(Duration.ofMillis(200))
        .withAllocationInterval(Duration.ofMillis(50)).withOfferRefuseDefault(Duration.ofSeconds(1)));
  }

  private ClusterAgent startAgent(int i) {
    String host = "agent-" + i;
    String attrs = settings.attributes().apply(i);
    if (settings.simulated()) {
      return new SimulatedAgent(zkConnect(), host, Resources.parse(settings.resources()),
          AttributeText.parse(attrs), settings.behavior(), clock.map(c -> c));
    }
    return new ProcessAgent(zkConnect(), dir.resolve(host), host, settings.resources(), attrs);
  }

  /** The ZooKeeper connect string with Drover's chroot, for drivers and the framework's own state. */
  public String zkConnect() {
    return zk.connectString("/drover");
  }

  /** A driver builder that finds the masters through this cluster's ZooKeeper, with short timeouts. */
  public DroverSchedulerDriver.Builder driver(Scheduler scheduler, FrameworkConfig config) {
    return DroverSchedulerDriver.builder(scheduler, config).zk(zkConnect())
        .zkSessionTimeout(Duration.ofSeconds(1)).subscribeTimeout(Duration.ofSeconds(2));
  }

  /** The leading master, waiting for one to be elected. */
  public Master leader() {
    return Await.value("a leading master", settings.timeout(),
        () -> masters.stream().filter(Master::isLeader).findFirst().orElse(null));
  }

  /** The masters running now. */
  public List<Master> masters() {
    return List.copyOf(masters);
  }

  /**
   * Fails the master over: stops the leader, starts a replacement standby (so the number of masters stays the same),
   * and returns the new leader once it leads. Agents and drivers reconnect on their own.
   */
  public synchronized Master failover() {
    Master old = leader();
    masters.remove(old);
    if (masters.isEmpty()) {
      masters.add(startMaster());
    }
    old.close();
    Master next = leader();
    if (masters.size() < settings.masters()) {
      masters.add(startMaster());
    }
    return next;
  }

  /** The agents, in order ({@code agent-1} first). */
  public List<ClusterAgent> agents() {
    return List.copyOf(agents);
  }

  /** The agent named {@code hostname}. */
  public ClusterAgent agent(String hostname) {
    return agents.stream().filter(a -> a.hostname().equals(hostname)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no agent " + hostname));
  }

  /** Makes a simulated task exit as if killed from outside (FAILED, exit code 137); false when no agent runs it. */
  public boolean killTask(String taskId) {
    return agents.stream().anyMatch(a -> a.liveTasks().contains(taskId) && a.killTask(taskId));
  }

  /** Ids of the live tasks on all simulated agents. */
  public List<String> liveTasks() {
    List<String> all = new ArrayList<>();
    agents.forEach(a -> all.addAll(a.liveTasks()));
    all.sort(null);
    return all;
  }

  /** The manual clock simulated task run times follow, when built with {@code manualClock()}. */
  public ManualTimer clock() {
    return clock.orElseThrow(() -> new IllegalStateException("build the cluster with manualClock()"));
  }

  /** Stops the standby masters, the leader, the agents and ZooKeeper, in that order (no election on the way down). */
  @Override
  public synchronized void close() {
    masters.stream().sorted((a, b) -> Boolean.compare(a.isLeader(), b.isLeader())).forEach(this::closeQuietly);
    masters.clear();
    agents.parallelStream().forEach(a -> closeQuietly((AutoCloseable) a));
    agents.clear();
    if (zk != null) {
      zk.close();
      zk = null;
    }
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // best effort at shutdown
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (zk == null) {
      perTest = true;
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      perTest = false;
      close();
    }
  }
}
