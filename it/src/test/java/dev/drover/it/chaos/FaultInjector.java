package dev.drover.it.chaos;

import dev.drover.it.cluster.InstallLayout;
import dev.drover.it.cluster.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Injects one {@link Fault} into an {@link InstallLayout} and heals it before returning, choosing its victim and
 * how long it lasts from the run's seeded {@link Random}. A fault's duration is real time on purpose (the layout's
 * processes run on the wall clock); nothing else here waits. Not thread-safe: the chaos loop calls it.
 */
final class FaultInjector implements AutoCloseable {
  private final InstallLayout layout;
  private final Random random;
  private final boolean partitions;
  private final Map<String, Partition> cuts = new HashMap<>();

  FaultInjector(InstallLayout layout, Random random, boolean partitions) {
    this.layout = layout;
    this.random = random;
    this.partitions = partitions;
  }

  /** Whether network partitions are real (else {@link Fault#AGENT_PARTITION} is a SIGSTOP). */
  boolean realPartitions() {
    return partitions;
  }

  /** Injects {@code fault}, heals it, and says what was done. */
  String inject(Fault fault) throws IOException, InterruptedException {
    return switch (fault) {
      case MASTER_LEADER_KILL -> killAndRestart(layout.leadingMaster(), layout.masters, "master");
      case APPS_LEADER_KILL -> killAndRestart(layout.leadingApps(), layout.apps, "apps");
      case JOBS_LEADER_KILL -> killAndRestart(layout.leadingJobs(), layout.jobs, "jobs");
      case AGENT_KILL_RESTART -> {
        Node agent = pick(layout.agents);
        agent.kill9();
        hold(500, 1500);
        agent.start();
        yield "killed and restarted " + agent;
      }
      case AGENT_STALL -> stall(pick(layout.agents));
      case AGENT_PARTITION -> {
        Node agent = pick(layout.agents);
        if (!partitions || !agent.alive()) {
          yield stall(agent) + " (partition fallback: SIGSTOP)";
        }
        Partition p = cuts.computeIfAbsent(agent.name(), n -> new Partition(n, 0x7a11 + cuts.size()));
        p.cut(agent.pid());
        long ms = hold(3000, 5000);
        p.heal();
        yield "partitioned " + agent + " for " + ms + " ms";
      }
      case ZK_SERVER_LOSS -> {
        Node zk = pick(layout.zks);
        zk.kill9();
        long ms = hold(2000, 4000);
        zk.start();
        yield "killed " + zk + " for " + ms + " ms";
      }
      case ZK_QUORUM_LOSS -> {
        List<Node> zks = new ArrayList<>(layout.zks);
        Node spared = zks.remove(random.nextInt(zks.size()));
        for (Node zk : zks) {
          zk.kill9();
        }
        long ms = hold(3000, 5000);
        for (Node zk : zks) {
          zk.start();
        }
        yield "killed " + zks + " (only " + spared + " left, no quorum) for " + ms + " ms";
      }
    };
  }

  private String killAndRestart(Optional<Node> leader, List<Node> all, String what)
      throws IOException, InterruptedException {
    Node victim = leader.orElseGet(() -> pick(all));
    victim.kill9();
    hold(300, 1000);
    victim.start();
    return "killed " + (leader.isPresent() ? "the leading " : "(no leader seen) ") + what + " " + victim
        + ", restarted it";
  }

  private String stall(Node agent) throws IOException, InterruptedException {
    agent.stop();
    long ms = hold(3000, 5000);
    agent.cont();
    return "stopped " + agent + " for " + ms + " ms";
  }

  private Node pick(List<Node> nodes) {
    return nodes.get(random.nextInt(nodes.size()));
  }

  private long hold(int minMs, int maxMs) throws InterruptedException {
    long ms = minMs + random.nextInt(maxMs - minMs + 1);
    Thread.sleep(Duration.ofMillis(ms).toMillis());
    return ms;
  }

  /** Heals every partition still in place (after a failure mid-fault). */
  @Override
  public void close() {
    for (Partition p : cuts.values()) {
      try {
        p.heal();
      } catch (IOException e) {
        System.err.println("chaos: could not heal a partition: " + e.getMessage());
      }
    }
  }
}
