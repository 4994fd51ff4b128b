package dev.drover.master;

import dev.drover.master.core.MasterCore;
import dev.drover.master.core.MasterSettings;
import dev.drover.master.election.LeaderElection;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.registry.ZkRegistryStore;
import dev.drover.master.rpc.RegistryWire;
import dev.drover.master.http.HttpApi;
import dev.drover.master.http.ZkDirectory;
import dev.drover.master.rpc.GrpcServices;
import dev.drover.security.Security;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.drover.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Drover master: gRPC for agents and frameworks, the operator HTTP API, and a seat in the ZooKeeper election.
 * Only the leader serves; the others refuse streams with UNAVAILABLE naming the leader and redirect HTTP to it.
 * Thread-safe. {@link #close} leaves the election and stops serving.
 */
public final class Master implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Master.class);
  /** The version this master publishes in its leader record. */
  public static final String VERSION = versionOf();

  private final String id;
  private final MasterCore core;
  private final Server grpc;
  private final Vertx vertx;
  private final HttpApi http;
  private final CuratorFramework zk;
  private final LeaderElection election;
  private final ZkDirectory directory;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private final PersistentNode member;

  private Master(String id, MasterCore core, Server grpc, Vertx vertx, HttpApi http, CuratorFramework zk,
      LeaderElection election, ZkDirectory directory, PersistentNode member) {
    this.directory = directory;
    this.member = member;
    this.id = id;
    this.core = core;
    this.grpc = grpc;
    this.vertx = vertx;
    this.http = http;
    this.zk = zk;
    this.election = election;
  }

  /** Binds gRPC and HTTP without any security (and says so loudly); see {@link #start(MasterConfig, Security)}. */
  public static Master start(MasterConfig config) {
    return start(config, Security.insecure());
  }

  /**
   * Binds gRPC and HTTP, joins the election and returns once both servers are listening. {@code security} gives
   * TLS, authentication and ACLs to both (docs/security.md).
   */
  public static Master start(MasterConfig config, Security security) {
    security.warnIfInsecure("master");
    String id = "master-" + UUID.randomUUID();
    AtomicReference<LeaderElection> electionRef = new AtomicReference<>();
    CuratorFramework zk = ZkClients.start(config.zk(), config.zkSessionTimeout());
    MasterCore core = new MasterCore(new MasterSettings(id, config.allocationInterval(), config.heartbeatInterval(),
        config.pingInterval(), config.offerRefuseDefault()),
        new FailoverSettings(config.agentReregisterTimeout(), config.maxMissedPings(), Duration.ofMillis(100)),
        new ZkRegistryStore(zk, new RegistryWire(),
            () -> electionRef.get() == null ? java.util.Optional.empty() : electionRef.get().fence()),
        Clock.systemUTC(), () -> notLeaderDescription(id, electionRef.get()));
    core.onFenced(fenced -> {
      if (electionRef.get() != null) {
        electionRef.get().rejoin(fenced.fence(), "fenced: " + fenced.getMessage());
      }
    });
    if (!config.offerTimeout().isZero()) {
      core.allocatorConfig(AllocatorConfig.DEFAULTS.withOfferTimeout(config.offerTimeout()));
    }
    Server grpc = null;
    Vertx vertx = null;
    HttpApi http = null;
    ZkDirectory directory = null;
    PersistentNode member = null;
    try {
      // Handlers only decode and enqueue onto the loop (never block), so they run on Netty's threads: a failover's
      // 10,000 new streams do not make gRPC's default cached pool spawn dozens of threads mid-rush.
      grpc = GrpcServices.build(security.harden(NettyServerBuilder.forAddress(
          new InetSocketAddress(config.bindAddress(), config.grpcPort()), security.grpcServerCredentials())
          .directExecutor()), core, security.grpcServerInterceptors()).start();
      LOG.info("Master {} serving gRPC on {}:{}", id, config.bindAddress(), grpc.getPort());
      vertx = Vertx.vertx();
      AtomicReference<HttpApi.Sources> sources = new AtomicReference<>();
      ZkDirectory zkDirectory = directory = ZkDirectory.start(zk);
      http = HttpApi.start(vertx, config.bindAddress(), config.httpPort(), sources::get, security);
      LeaderInfo self = new LeaderInfo(id, config.hostname(), grpc.getPort(), http.port(), VERSION);
      member = new PersistentNode(zk, CreateMode.EPHEMERAL, false, ZkPaths.masterMember(id), self.toBytes());
      member.start();  // re-created by Curator after a session expiry, removed when this master stops
      sources.set(new HttpApi.Sources(self, core::isLeader,
          () -> electionRef.get() == null ? java.util.Optional.empty() : electionRef.get().leader(), core::snapshot,
          core, config.heartbeatInterval(), zkDirectory::framework, zkDirectory::masters));
      LeaderElection election = new LeaderElection(zk, self, new LeaderElection.Listener() {
        @Override
        public void elected() {
          core.elected(() -> electionRef.get() != null && electionRef.get().hasLeadership(),
              () -> electionRef.get().publish());
        }

        @Override
        public void deposed(String why) {
          core.deposed(why);
        }
      });
      electionRef.set(election);
      election.start();
      LOG.info("Master {} started ({} advertised as {}; ZooKeeper {})", id, VERSION, self.grpcTarget(), config.zk());
      return new Master(id, core, grpc, vertx, http, zk, election, directory, member);
    } catch (IOException | RuntimeException e) {
      if (electionRef.get() != null) {
        electionRef.get().close();
      }
      closeQuietly(member);
      if (directory != null) {
        directory.close();
      }
      stopQuietly(core, grpc, vertx, http, zk);
      throw new IllegalStateException("cannot start master: " + e.getMessage(), e);
    }
  }

  private static String notLeaderDescription(String selfId, LeaderElection election) {
    String leader = election == null ? "unknown" : election.leader().filter(l -> !l.id().equals(selfId))
        .map(LeaderInfo::grpcTarget).orElse("unknown");
    return "not the leader; leader=" + leader;
  }

  public int httpPort() {
    return http.port();
  }

  public int grpcPort() {
    return grpc.getPort();
  }

  public String id() {
    return id;
  }

  /** Whether this master is leading and serving agents and frameworks. */
  public boolean isLeader() {
    return core.isLeader();
  }

  /** Stops acting, leaves the election (latch before the Curator client), then stops serving. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Master {} stopping", id);
    core.deposed("shutting down");
    core.drain();
    election.close();
    closeQuietly(member);
    directory.close();
    stopQuietly(core, grpc, vertx, http, zk);
    LOG.info("Master {} stopped", id);
  }

  private static void closeQuietly(PersistentNode node) {
    if (node != null) {
      try {
        node.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Removing this master's member record: {}", e.toString());
      }
    }
  }

  private static void stopQuietly(MasterCore core, Server grpc, Vertx vertx, HttpApi http, CuratorFramework zk) {
    if (zk != null) {
      zk.close();
    }
    if (grpc != null) {
      grpc.shutdownNow();
      try {
        grpc.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (http != null) {
      http.close();
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("Closing Vert.x: {}", e.toString());
      }
    }
    core.close();
  }

  private static String versionOf() {
    String v = Master.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
