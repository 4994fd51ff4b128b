package dev.drover.jobs;

import dev.drover.security.Security;
import dev.drover.jobs.api.JobsHttp;
import dev.drover.jobs.engine.EngineLoop;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.jobs.mesos.DriverCluster;
import dev.drover.jobs.mesos.JobsScheduler;
import dev.drover.jobs.store.JobRepository;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.ha.FrameworkIdKeeper;
import dev.drover.sdk.ha.LeaderElection;
import dev.drover.sdk.state.ZkStateStore;
import dev.drover.sdk.toolkit.AcknowledgementPolicy;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the batch (jobs) framework. Every instance serves HTTP; they elect one leader through ZooKeeper
 * ({@link LeaderElection}). The leader loads the jobs from ZooKeeper, then starts its SchedulerDriver with the kept
 * framework id and serves the API; the others proxy every request but {@code /ping} to it. When leadership is
 * revoked (or a write finds a newer leader) the instance stops acting at once: it stops its driver with failover
 * (tasks keep running), drops its engine, and contends again.
 *
 * <p>Thread-safe. {@link #close} leaves the election (another instance takes over) and stops everything.
 */
public final class JobsService implements AutoCloseable {
  /** The framework's name: in ZooKeeper ({@code /frameworks/jobs}) and towards the master. */
  public static final String NAME = "jobs";
  private static final Logger LOG = LoggerFactory.getLogger(JobsService.class);
  /** ZooKeeper writes in flight at once when many ticks are armed or many runs end together. */
  private static final int WRITERS = 16;

  private final String zk;
  private final JobsOptions options;
  private final CuratorFramework curator;
  private final LeaderTracker leaders;
  private final JobsHttp http;
  private final String selfId;
  private final ExecutorService electionEvents = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "jobs-election");
    t.setDaemon(true);
    return t;
  });
  private volatile LeaderElection election;
  private LeaderInfo self;
  private Term term;  // guarded by electionEvents (only touched there)

  private record Term(EngineLoop loop, JobsEngine engine, DroverSchedulerDriver driver) {}

  private volatile Security security = Security.insecure();

  private JobsService(String selfId, String zk, JobsOptions options, CuratorFramework curator,
      LeaderTracker leaders, JobsHttp http) {
    this.selfId = selfId;
    this.zk = zk;
    this.options = options;
    this.curator = curator;
    this.leaders = leaders;
    this.http = http;
  }

  /** Starts serving on {@code bindAddress:port} (0 = a free port) with default options; returns once listening. */
  public static JobsService start(String zk, String bindAddress, int port) throws Exception {
    return start(zk, bindAddress, port, JobsOptions.defaults());
  }

  /** Starts serving and joins the leader election; returns once listening (leadership may come later). */
  public static JobsService start(String zk, String bindAddress, int port, JobsOptions options) throws Exception {
    return start(zk, bindAddress, port, options, Security.insecure());
  }

  /**
   * As {@link #start(String, String, int, JobsOptions)} behind {@code security}: the REST API guarded (GET needs
   * {@code view_jobs}, other methods {@code change_jobs}, on the request path; {@code /ping} open) and served over
   * TLS when configured; the driver dials the master with the security's credentials (docs/security.md).
   */
  public static JobsService start(String zk, String bindAddress, int port, JobsOptions options, Security security)
      throws Exception {
    security.warnIfInsecure("jobs");
    CuratorFramework curator = ZkClients.start(zk, options.zkSessionTimeout());
    LeaderTracker leaders = new LeaderTracker(curator, ZkPaths.frameworkLeader(NAME)).start();
    String selfId = UUID.randomUUID().toString();
    try {
      JobsHttp http = JobsHttp.start(bindAddress, port, selfId, leaders::leader, JobsService::version, security);
      JobsService s = new JobsService(selfId, zk, options, curator, leaders, http);
      s.security = security;
      String host = options.hostname() != null ? options.hostname()
          : "0.0.0.0".equals(bindAddress) ? InetAddress.getLocalHost().getHostName() : bindAddress;
      s.self = new LeaderInfo(s.selfId, host, 0, http.port(), version());
      s.contend();
      LOG.info("Jobs instance {} serving on http://{}:{} (ZooKeeper {}); contending for leadership", s.selfId, host,
          http.port(), zk);
      return s;
    } catch (Exception e) {
      leaders.close();
      curator.close();
      throw e;
    }
  }

  private void contend() {
    election = LeaderElection.start(curator, NAME, self, new LeaderElection.Listener() {
      @Override
      public void elected() {
        lead();
      }

      @Override
      public void revoked() {
        standDown("leadership revoked");
      }
    }, electionEvents);
  }

  /** A write found a newer leader's: stop acting, leave the election and join it again as a follower. */
  private void fenced() {
    standDown("another instance wrote the state");
    LeaderElection old = election;
    if (old != null && !electionEvents.isShutdown()) {
      old.close();
      contend();
    }
  }

  private void lead() {
    LOG.info("Jobs instance {} leads: loading state", selfId);
    EngineLoop loop = new EngineLoop();
    DriverCluster cluster = new DriverCluster();
    JobsEngine engine = new JobsEngine(loop.timer(), new JobRepository(new ZkStateStore(curator, NAME), WRITERS), cluster,
        http.listener(), options.lookahead());
    loop.onFenced(() -> electionEvents.execute(this::fenced));
    engine.onFenced(() -> electionEvents.execute(this::fenced));
    try {
      loop.call(() -> {
        engine.load();
        return null;
      }).get();
      JobsScheduler scheduler = new JobsScheduler(loop, engine);
      FrameworkIdKeeper ids = new FrameworkIdKeeper(curator, NAME);
      DroverSchedulerDriver.Builder b = DroverSchedulerDriver.builder(ids.persisting(scheduler),
          FrameworkConfig.builder(NAME).failoverTimeout(options.failoverTimeout())
              .principal(security.clientPrincipal().orElse("")).build()).zk(zk)
          .channelCredentials(security.grpcChannelCredentials());
      AcknowledgementPolicy.EXPLICIT.applyTo(b);
      ids.load().ifPresent(b::frameworkId);
      DroverSchedulerDriver driver = b.build();
      cluster.driver(driver);
      term = new Term(loop, engine, driver);
      http.lead(loop, engine, () -> scheduler.frameworkId() != null ? scheduler.frameworkId()
          : driver.frameworkId().orElse(null));
      driver.start();
      LOG.info("Jobs instance {} leads with {} jobs", selfId, loop.call(() -> engine.jobs().size()).get());
    } catch (Exception e) {
      LOG.error("Jobs instance {} could not take over; standing down", selfId, e);
      loop.close();
      standDown("take-over failed");
    }
  }

  /** Stops acting at once: no API, no driver (stopped with failover: tasks keep running), no timers. */
  private void standDown(String why) {
    http.follow();
    Term t = term;
    term = null;
    if (t == null) {
      return;
    }
    LOG.warn("Jobs instance {} stops leading: {}", selfId, why);
    t.driver().stop(true);
    t.loop().execute(t.engine()::stop);
    t.loop().close();
  }

  public int port() {
    return http.port();
  }

  /** Whether this instance leads right now. */
  public boolean isLeader() {
    return election != null && election.isLeader();
  }

  static String version() {
    String v = JobsService.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public void close() {
    if (election != null) {
      election.close();  // leadership passes on; revoked() runs on electionEvents
    }
    electionEvents.execute(() -> standDown("closing"));
    electionEvents.shutdown();
    try {
      electionEvents.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leaders.close();
    http.close();
    curator.close();
  }
}
