package dev.drover.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.api.DeploymentLog;
import dev.drover.apps.http.EventHub;
import dev.drover.apps.http.HttpApi;
import dev.drover.apps.http.Leadership;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import dev.drover.apps.validation.AppValidator;
import dev.drover.sdk.ha.LeaderElection;
import dev.drover.sdk.state.StateStore;
import dev.drover.sdk.state.ZkStateStore;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running (apps) framework process: Marathon's v2 REST API on one port, leader election among instances,
 * and, while leading, the engine with its scheduler driver.
 *
 * <p>Every instance serves HTTP at once. A non-leader proxies every request but {@code /ping}, {@code /metrics} and
 * {@code GET /v2/leader} to the leader published in ZooKeeper. On election the leader loads app definitions and
 * groups (from {@code /frameworks/apps-api/state}), starts the runtime and swaps in the full router; on revocation
 * it stops serving as leader at once, then stops the runtime (driver with failover, so tasks keep running) and
 * contends again. {@code DELETE /v2/leader} abdicates the same way.
 *
 * <p>Thread-safe. All state changes run on one serial writer thread.
 */
public final class AppsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppsService.class);
  static final String NAME = "apps";

  private final Vertx vertx;
  private final HttpServer server;
  private final CuratorFramework client;
  private final String zk;
  private final RuntimeFactory factory;
  private final dev.drover.security.Security security;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> thread(r, "apps-writer"));
  private final ExecutorService readers = Executors.newFixedThreadPool(2, r -> thread(r, "apps-reader"));
  private final ExecutorService electionEvents = Executors.newSingleThreadExecutor(r -> thread(r, "apps-election"));
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EventHub events = new EventHub();
  private final StateStore state;
  private final LeaderInfo self;
  private final Router follower;
  private volatile Router router;
  private volatile LeaderElection election;
  private volatile boolean leading;
  private volatile RuntimeFactory.Started running;
  private volatile AppsApi api;
  private Runnable unsubscribe = () -> { };

  private AppsService(Vertx vertx, HttpServer server, CuratorFramework client, String zk, RuntimeFactory factory,
      LeaderInfo self, dev.drover.security.Security security) {
    this.security = security;
    this.vertx = vertx;
    this.server = server;
    this.client = client;
    this.zk = zk;
    this.factory = factory;
    this.self = self;
    this.state = new ZkStateStore(client, NAME + "-api");  // /frameworks/apps-api/state, beside the engine's
    this.follower = HttpApi.followerRouter(vertx, leadership(), metrics, security::httpClientOptions);
    this.router = follower;
    metrics.gauge("drover_apps_leader", this, s -> s.leading ? 1 : 0);
    metrics.gauge("drover_apps_apps", this, s -> s.api == null ? 0 : s.api.apps().all().size());
    for (String st : new String[] {"TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_UNREACHABLE"}) {
      metrics.gauge("drover_apps_tasks", java.util.List.of(io.micrometer.core.instrument.Tag.of("state", st)), this,
          s -> s.api == null ? 0 : s.api.runtime().tasks().stream().filter(t -> t.state().equals(st)).count());
    }
  }

  /** Starts with the real engine; {@code port} 0 = a free port. Returns once listening (not once leading). */
  public static AppsService start(String zk, String bindAddress, int port) throws Exception {
    return start(zk, Duration.ofSeconds(10), bindAddress, port, null, EngineRuntimeFactory.DEFAULT);
  }

  /** Starts with the real engine and the given ZooKeeper session timeout and advertised host (null = derived). */
  public static AppsService start(String zk, Duration zkSessionTimeout, String bindAddress, int port,
      String advertisedHost) throws Exception {
    return start(zk, zkSessionTimeout, bindAddress, port, advertisedHost, EngineRuntimeFactory.DEFAULT);
  }

  /**
   * Starts with the real engine behind {@code security}: its REST API guarded (GET needs {@code view_apps}, other
   * methods {@code change_apps}, on the request path; {@code /ping} open) and served over TLS when configured, its
   * driver dialling the master with the security's credentials (docs/security.md).
   */
  public static AppsService start(String zk, Duration zkSessionTimeout, String bindAddress, int port,
      String advertisedHost, dev.drover.security.Security security) throws Exception {
    return start(zk, zkSessionTimeout, bindAddress, port, advertisedHost, EngineRuntimeFactory.secured(security),
        security);
  }

  /** As {@link #start(String, Duration, String, int, String, RuntimeFactory)} with a 10 s session. */
  public static AppsService start(String zk, String bindAddress, int port, String advertisedHost,
      RuntimeFactory factory) throws Exception {
    return start(zk, Duration.ofSeconds(10), bindAddress, port, advertisedHost, factory);
  }

  /**
   * Starts serving on {@code bindAddress:port} and joins the election.
   *
   * @param advertisedHost the host other instances and clients reach this one at; null = the bind address, or
   *     this machine's name when binding to all interfaces
   */
  public static AppsService start(String zk, Duration zkSessionTimeout, String bindAddress, int port,
      String advertisedHost, RuntimeFactory factory) throws Exception {
    return start(zk, zkSessionTimeout, bindAddress, port, advertisedHost, factory,
        dev.drover.security.Security.insecure());
  }

  /** The full form: {@code factory} makes the runtime, {@code security} guards the REST API. */
  public static AppsService start(String zk, Duration zkSessionTimeout, String bindAddress, int port,
      String advertisedHost, RuntimeFactory factory, dev.drover.security.Security security) throws Exception {
    security.warnIfInsecure("apps");
    Vertx vertx = Vertx.vertx();
    AppsService[] holder = new AppsService[1];
    Handler<HttpServerRequest> dispatch = req -> holder[0].router.handle(req);
    dev.drover.security.http.RestGuard guard = security.restGuard(java.util.Set.of("/ping"),
        req -> java.util.Optional.of(new dev.drover.security.http.Permission(
            req.method() == io.vertx.core.http.HttpMethod.GET || req.method() == io.vertx.core.http.HttpMethod.HEAD
                ? dev.drover.security.authz.Action.VIEW_APPS : dev.drover.security.authz.Action.CHANGE_APPS,
            req.path())), 8L << 20);
    HttpServer server = vertx.createHttpServer(security.httpServerOptions()).requestHandler(req -> {
      if (guard.admit(req) == null) {
        return;
      }
      if (holder[0] == null) {
        req.response().setStatusCode(503).end();
      } else {
        dispatch.handle(req);
      }
    }).listen(port, bindAddress).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String host = advertisedHost != null ? advertisedHost
        : bindAddress.equals("0.0.0.0") ? InetAddress.getLocalHost().getHostName() : bindAddress;
    CuratorFramework client = ZkClients.start(zk, zkSessionTimeout);
    LeaderInfo self = new LeaderInfo(UUID.randomUUID().toString(), host, 0, server.actualPort(), "0.1.0");
    AppsService s = new AppsService(vertx, server, client, zk, factory, self, security);
    holder[0] = s;
    s.contend();
    LOG.info("Apps framework serving on http://{}:{} (ZooKeeper {}), id {}", host, server.actualPort(), zk,
        self.id());
    return s;
  }

  public int port() {
    return server.actualPort();
  }

  /** Whether this instance leads and serves the API itself. */
  public boolean isLeader() {
    return leading;
  }

  private void contend() {
    election = LeaderElection.start(client, NAME, self, new LeaderElection.Listener() {
      @Override
      public void elected() {
        onWriter(AppsService.this::lead);
      }

      @Override
      public void revoked() {
        leading = false;
        router = follower;
        onWriter(AppsService.this::follow);
      }
    }, electionEvents);
  }

  private void onWriter(Runnable r) {
    try {
      writer.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("closing; ignoring a leadership change");
    }
  }

  private void lead() {
    try {
      AppStore apps = new AppStore(state, Instant::now, 50);
      GroupStore groups = new GroupStore(state);
      apps.load();
      groups.load();
      RuntimeFactory.Started started = factory.start(client, zk);
      running = started;
      DeploymentLog deployments = new DeploymentLog(state);
      deployments.load();
      AppsApi leader = new AppsApi(apps, groups, deployments, started.runtime(), new AppValidator(), events,
          Instant::now);
      unsubscribe = started.runtime().subscribe(e -> {
        events.accept(e);
        Object reason = e.fields().get("reason");
        if (e.eventType().equals("deployment_failed") && reason != null
            && reason.toString().startsWith("automatic rollback")) {
          onWriter(() -> {
            if (leading && api == leader) {
              leader.rolledBack(String.valueOf(e.fields().get("id")));
            }
          });
        }
      });
      api = leader;
      try {
        String resynced = api.resync();
        if (resynced != null) {
          LOG.warn("Stored definitions and the engine differed after the election; deployment {} aligns them",
              resynced);
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not align stored definitions with the engine after the election (serving anyway)", e);
      }
      LeaderElection e = election;
      if (e == null || !e.isLeader()) {
        LOG.info("Leadership was lost while taking over; following");
        follow();
        return;
      }
      router = HttpApi.router(vertx, api, writer, readers, events, leadership(), metrics, this::info,
          security::httpClientOptions);
      leading = true;
      LOG.info("Elected: serving {} apps as the leader", apps.all().size());
    } catch (Exception e) {
      LOG.error("Could not take over as leader; abdicating", e);
      follow();
      writer.execute(this::abdicate);
    }
  }

  private void follow() {
    leading = false;
    router = follower;
    unsubscribe.run();
    unsubscribe = () -> { };
    RuntimeFactory.Started r = running;
    running = null;
    api = null;
    if (r != null) {
      try {
        r.stop().close();
      } catch (Exception e) {
        LOG.warn("Stopping the runtime failed", e);
      }
    }
  }

  private void abdicate() {
    LOG.info("Abdicating");
    leading = false;
    router = follower;
    LeaderElection old = election;
    old.close();
    follow();
    contend();
  }

  private Leadership leadership() {
    return new Leadership() {
      @Override
      public boolean isLeader() {
        return leading;
      }

      @Override
      public Optional<LeaderInfo> leader() {
        LeaderElection e = election;
        return e == null ? Optional.empty() : e.leader();
      }

      @Override
      public void abdicate() {
        AppsService.this.abdicate();
      }
    };
  }

  private ObjectNode info() {
    ObjectNode o = AppJson.MAPPER.createObjectNode().put("name", "drover-apps").put("version", self.version())
        .put("elected", leading);
    leadership().leader().ifPresent(l -> o.put("leader", l.host() + ":" + l.httpPort()));
    RuntimeFactory.Started r = running;
    o.put("frameworkId", r == null ? null : r.frameworkId().get().orElse(null));
    o.put("connectedToMaster", r != null && r.connected().get());
    o.putObject("http_config").put("http_port", port());
    o.putObject("zookeeper_config").put("zk", zk).put("state", ZkPaths.frameworkState(NAME + "-api"));
    o.putObject("marathon_config").put("framework_name", "drover-apps").put("failover_timeout", 604800)
        .put("checkpoint", true).put("max_versions", 50);
    return o;
  }

  @Override
  public void close() {
    leading = false;
    writer.execute(this::follow);
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LeaderElection e = election;
    if (e != null) {
      e.close();
    }
    readers.shutdownNow();
    electionEvents.shutdownNow();
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
