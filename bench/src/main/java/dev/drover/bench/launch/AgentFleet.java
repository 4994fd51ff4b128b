package dev.drover.bench.launch;

import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.Resource;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;

/**
 * Many {@link LeanAgent}s in one JVM. One ZooKeeper client follows the leader (as each real agent's would); a few
 * gRPC connections to the leader are shared by all agents' streams. When the leader changes every agent drops its
 * stream and connects to the new one.
 */
public final class AgentFleet implements AutoCloseable {
  private static final int CONNECTIONS = 8;

  private final List<LeanAgent> agents = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "fleet-timer");
    t.setDaemon(true);
    return t;
  });
  private final CuratorFramework curator;
  private final LeaderTracker tracker;
  private final AtomicInteger next = new AtomicInteger();
  private volatile LeaderInfo leader;
  private volatile ManagedChannel[] channels = new ManagedChannel[0];
  private volatile long leaderSeenAt;

  public AgentFleet(String zk, Duration zkSession, int count, Resources resources, boolean finish,
      LeanAgent.Listener listener) {
    List<Resource> proto = List.copyOf(ProtoResources.toProto(resources));
    for (int i = 0; i < count; i++) {
      agents.add(new LeanAgent(String.format("sim%05d", i), proto, finish, this::channel, timer, listener));
    }
    curator = ZkClients.start(zk, zkSession);
    tracker = new LeaderTracker(curator, ZkPaths.MASTER_LEADER);
    tracker.addListener(this::leaderChanged);
    tracker.start();
  }

  public List<LeanAgent> agents() {
    return agents;
  }

  /** Connects every agent, a few hundred at a time. */
  public void start() {
    leaderChanged(tracker.leader());
  }

  private synchronized void leaderChanged(Optional<LeaderInfo> now) {
    LeaderInfo l = now.orElse(null);
    if (l == null || l.equals(leader)) {
      return;
    }
    leader = l;
    leaderSeenAt = System.nanoTime();
    ManagedChannel[] old = channels;
    ManagedChannel[] fresh = new ManagedChannel[CONNECTIONS];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = NettyChannelBuilder.forTarget(l.grpcTarget()).usePlaintext().directExecutor()
          .flowControlWindow(4 << 20).build();
    }
    channels = fresh;
    long t0 = System.nanoTime();
    agents.forEach(LeanAgent::reconnect);
    System.out.printf(java.util.Locale.ROOT, "fleet: %d agents reconnecting, their registrations sent in %.3f s%n",
        agents.size(), (System.nanoTime() - t0) / 1e9);
    for (ManagedChannel c : old) {
      c.shutdownNow();
    }
  }

  private ManagedChannel channel() {
    ManagedChannel[] c = channels;
    return c.length == 0 ? null : c[Math.floorMod(next.getAndIncrement(), c.length)];
  }

  /** {@link System#nanoTime} when the fleet's ZooKeeper watch last saw a new leader record. */
  public long leaderSeenAt() {
    return leaderSeenAt;
  }

  public long registered() {
    return agents.stream().filter(LeanAgent::isRegistered).count();
  }

  @Override
  public void close() {
    agents.forEach(LeanAgent::close);
    tracker.close();
    curator.close();
    for (ManagedChannel c : channels) {
      c.shutdownNow();
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
