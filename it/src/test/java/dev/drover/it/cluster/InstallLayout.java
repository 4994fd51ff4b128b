package dev.drover.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.it.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * docs/install.md's multi-host layout on one machine, every component its own process configured only through the
 * documented files and flags: 3 ZooKeeper servers ({@code drover zk --config zoo.cfg --myid N}, zoo.cfg from
 * zk-config's template), 3 masters, 3 agents, 2 apps and 2 jobs instances, each of those started as {@code drover
 * <component>} with its flags in a properties file named by {@code DROVER_CONFIG}. Everything binds 127.0.0.1 on
 * free ports; ZooKeeper sessions are 2 s so failovers are quick. Logs go to {@code target/it-logs/<name>/}.
 */
public final class InstallLayout implements AutoCloseable {
  private static final int AGENTS = 3;
  public final List<Node> zks = new ArrayList<>();
  public final List<Node> masters = new ArrayList<>();
  public final List<Node> agents = new ArrayList<>();
  public final List<Node> apps = new ArrayList<>();
  public final List<Node> jobs = new ArrayList<>();
  private final Path logs;
  private final Path work;
  private String zk;

  private InstallLayout(Path logs, Path work) {
    this.logs = logs;
    this.work = work;
  }

  /** Starts every component (ZooKeeper first) and returns at once; see {@link #awaitServing}. */
  public static InstallLayout start(String name) throws IOException {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve(name);
    InstallLayout l = new InstallLayout(logs, Files.createTempDirectory("drover-layout-" + name));
    l.startZooKeeper();
    for (int i = 1; i <= 3; i++) {
      // An offer outstanding 10 s is rescinded: the jobs framework holds every offer while a tick is within 60 s
      // (always, with ticks every 5 s), which otherwise keeps an agent from the apps framework for minutes.
      l.masters.add(l.component("master-" + i, Node.Kind.MASTER, "master",
          Map.of("grpc-port", Integer.toString(Await.freePort()), "offer-timeout", "10s")).start());
    }
    for (int i = 1; i <= AGENTS; i++) {
      // Below the kernel's ephemeral range (32768+), where any outgoing connection may hold a port the agent offers.
      int base = 20000 + i * 100 + (int) (ProcessHandle.current().pid() % 40) * 300;
      l.agents.add(l.component("agent-" + i, Node.Kind.AGENT, "agent", Map.of(
          "work-dir", l.work.resolve("agent-" + i).toString(),
          "resources", "cpus:4;mem:4096;disk:4096;ports:[" + base + "-" + (base + 99) + "]",
          "attributes", "rack:r" + i,
          // The test runs as root and its tasks name no user; a real install gives tasks a user (install.md).
          "allow-root-tasks", "true", "docker-allow-host-network", "true")).start());
    }
    for (int i = 1; i <= 2; i++) {
      l.apps.add(l.component("apps-" + i, Node.Kind.APPS, "apps", Map.of()).start());
      l.jobs.add(l.component("jobs-" + i, Node.Kind.JOBS, "jobs", Map.of("lookahead", "1s")).start());
    }
    return l;
  }

  private void startZooKeeper() throws IOException {
    List<ZooCfg.Member> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      members.add(new ZooCfg.Member(i, Await.freePort(), Await.freePort(), Await.freePort()));
    }
    for (ZooCfg.Member m : members) {
      Path cfg = ZooCfg.write(work.resolve("zk-" + m.id()).resolve("zoo.cfg"),
          work.resolve("zk-" + m.id()).resolve("data"), m, members);
      zks.add(new Node("zk-" + m.id(), Node.Kind.ZK, m.clientPort(), logs, Map.of(),
          List.of("zk", "--config", cfg.toString(), "--myid", Integer.toString(m.id()))).start());
    }
    zk = members.stream().map(m -> "127.0.0.1:" + m.clientPort()).collect(Collectors.joining(",")) + "/drover";
  }

  /** A component whose flags are in {@code <work>/<name>.properties}, named by DROVER_CONFIG. */
  private Node component(String name, Node.Kind kind, String command, Map<String, String> extra)
      throws IOException {
    int port = Await.freePort();
    StringBuilder props = new StringBuilder("# " + name + ": flags of `drover " + command + "`\n")
        .append("zk=").append(zk).append('\n')
        .append("zk-session-timeout=2s\n")
        .append("bind=127.0.0.1\n")
        .append("hostname=127.0.0.1\n")
        .append("http-port=").append(port).append('\n');
    extra.forEach((k, v) -> props.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Path file = work.resolve(name + ".properties");
    Files.writeString(file, props);
    return new Node(name, kind, port, logs, Map.of("DROVER_CONFIG", file.toString()), List.of(command));
  }

  /** The connect string every component uses: the three servers and the chroot. */
  public String zk() {
    return zk;
  }

  public Path work() {
    return work;
  }

  public Path logs() {
    return logs;
  }

  /** The master that says it leads, among the live ones. */
  public Optional<Node> leadingMaster() {
    return masters.stream().filter(Node::alive)
        .filter(m -> Http.get(m.port(), "/health").map(h -> h.path("leader").asBoolean()).orElse(false))
        .findFirst();
  }

  /** The leading master's {@code /api/v1/state}. */
  public Optional<JsonNode> masterState() {
    return leadingMaster().flatMap(m -> Http.get(m.port(), "/api/v1/state"));
  }

  /** Agents with a live stream to the leading master, or -1 while that cannot be told. */
  public int activeAgents() {
    return masterState().map(s -> {
      int n = 0;
      for (JsonNode a : s.path("agents")) {
        n += a.path("active").asBoolean() ? 1 : 0;
      }
      return n;
    }).orElse(-1);
  }

  /** The apps instance that leads, as the live instances report it ({@code GET /v2/leader}). */
  public Optional<Node> leadingApps() {
    return leaderOf(apps, "/v2/leader");
  }

  /** The jobs instance that leads ({@code GET /leader}). */
  public Optional<Node> leadingJobs() {
    return leaderOf(jobs, "/leader");
  }

  private static Optional<Node> leaderOf(List<Node> nodes, String path) {
    for (Node n : nodes) {
      if (!n.alive()) {
        continue;
      }
      Optional<String> leader = Http.get(n.port(), path).map(j -> j.path("leader").asText(""));
      if (leader.isPresent() && !leader.get().isEmpty()) {
        String port = leader.get().substring(leader.get().lastIndexOf(':') + 1);
        return nodes.stream().filter(x -> Integer.toString(x.port()).equals(port) && x.alive()).findFirst();
      }
    }
    return Optional.empty();
  }

  /** Any live instance of {@code nodes} that answers {@code /ping} (followers proxy to the leader). */
  public Optional<Node> anyAnswering(List<Node> nodes) {
    return nodes.stream().filter(Node::alive).filter(n -> Http.send(n.port(), "GET", "/ping", null).ok())
        .findFirst();
  }

  /** Waits until a master leads with every agent active and both frameworks have a leader that answers. */
  public void awaitServing(Duration timeout) throws InterruptedException {
    long live = agents.stream().filter(Node::alive).count();
    Await.until("a leading master with " + live + " active agents", timeout, () -> activeAgents() == live);
    Await.until("an apps leader answering", timeout, () -> leadingApps()
        .map(n -> Http.send(n.port(), "GET", "/v2/apps", null).ok()).orElse(false));
    Await.until("a jobs leader answering", timeout, () -> leadingJobs()
        .map(n -> Http.send(n.port(), "GET", "/v1/jobs", null).ok()).orElse(false));
  }

  @Override
  public void close() throws Exception {
    List<Node> all = new ArrayList<>();
    all.addAll(jobs);
    all.addAll(apps);
    all.addAll(agents);
    all.addAll(masters);
    all.addAll(zks);
    for (Node n : all) {
      n.close();
    }
    killLeftoverTasks();
  }

  /** Task processes left by agents killed with -9 (their sandboxes are under this layout's work dir). */
  private void killLeftoverTasks() {
    String root = work.toAbsolutePath().toString();
    ProcessHandle.allProcesses().forEach(p -> {
      try {
        Path cwd = Path.of("/proc", Long.toString(p.pid()), "cwd").toRealPath();
        if (cwd.toString().startsWith(root)) {
          p.destroyForcibly();
        }
      } catch (IOException | RuntimeException e) {
        // gone already, or not ours to read
      }
    });
  }
}
