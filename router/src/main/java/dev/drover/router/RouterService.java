package dev.drover.router;

import dev.drover.router.ops.RouterMetrics;
import dev.drover.router.ops.StatusPage;
import dev.drover.router.proxy.HttpProxy;
import dev.drover.router.proxy.TcpProxy;
import dev.drover.router.routing.Balancer;
import dev.drover.router.routing.RoutingView;
import dev.drover.router.sync.AppsFollower;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drover router}: follows the apps framework and proxies to the ready instances of its apps — TCP on each
 * app's service ports, HTTP by virtual host and path prefix on one port — with a status page, {@code /status.json},
 * {@code /metrics} and {@code /ping} on the status port. Stateless: any number may run side by side.
 *
 * <p>Lifecycle: {@link #start} returns once the HTTP and status ports listen (routes appear as soon as the first
 * resync is done); {@link #close} stops everything. Thread-safe.
 */
public final class RouterService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RouterService.class);

  private final Vertx vertx;
  private final AppsFollower follower;
  private final TcpProxy tcp;
  private final CuratorFramework zk;
  private final LeaderTracker leaders;
  private final AtomicReference<RoutingView> view;
  private final int httpPort;
  private final int statusPort;

  private RouterService(Vertx vertx, AppsFollower follower, TcpProxy tcp, CuratorFramework zk,
      LeaderTracker leaders, AtomicReference<RoutingView> view, int httpPort, int statusPort) {
    this.vertx = vertx;
    this.follower = follower;
    this.tcp = tcp;
    this.zk = zk;
    this.leaders = leaders;
    this.view = view;
    this.httpPort = httpPort;
    this.statusPort = statusPort;
  }

  /** A router finding the apps leader in ZooKeeper {@code zk}, HTTP on {@code port}, status on {@code port + 1}. */
  public static RouterService start(String zk, String bind, int port) throws Exception {
    return start(RouterOptions.of(zk, null, bind, port, port == 0 ? 0 : port + 1));
  }

  /** Starts a router with {@code o}; fails (and releases what it took) when a port cannot be bound. */
  public static RouterService start(RouterOptions o) throws Exception {
    // Netty's epoll transport where available (Linux x86_64), NIO elsewhere; the log says which.
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
    LOG.info("Router I/O: {}", vertx.isNativeTransportEnabled() ? "epoll (native)" : "NIO ("
        + vertx.unavailableNativeTransportCause() + ")");
    CuratorFramework client = null;
    LeaderTracker tracker = null;
    try {
      Supplier<Optional<String>> endpoint;
      if (o.appsUrl().isPresent()) {
        endpoint = o::appsUrl;
      } else {
        client = ZkClients.start(o.zk().orElseThrow(), o.zkSessionTimeout());
        tracker = new LeaderTracker(client, ZkPaths.frameworkLeader("apps")).start();
        LeaderTracker t = tracker;
        endpoint = () -> t.leader().map(LeaderInfo::httpUrl);
      }
      AtomicReference<RoutingView> view = new AtomicReference<>(RoutingView.EMPTY);
      Balancer balancer = new Balancer(System::nanoTime);
      RouterMetrics metrics = new RouterMetrics();
      TcpProxy tcp = new TcpProxy(vertx, o.bind(), o.httpInstances(), balancer, metrics,
          () -> view.get().table());
      java.util.Set<String> gauged = new java.util.HashSet<>();  // the follower's context only
      AppsFollower follower = new AppsFollower(vertx, endpoint, v -> {
        view.set(v);
        tcp.update(v.table());
        for (String app : v.apps().keySet()) {
          if (gauged.add(app)) {
            metrics.readyGauge(app, () -> ready(view.get(), app));
          }
        }
      }, o.resyncEvery());
      // Several instances on one port (Vert.x shares it between event loops; with port 0 they share one free port).
      java.util.List<HttpProxy> proxies = new java.util.concurrent.CopyOnWriteArrayList<>();
      await(vertx.deployVerticle(() -> {
        HttpProxy p = new HttpProxy(o.bind(), o.httpPort(), balancer, metrics, () -> view.get().table());
        proxies.add(p);
        return p;
      }, new DeploymentOptions().setInstances(o.httpInstances())));
      int httpPort = proxies.get(0).actualPort();
      Router status = Router.router(vertx);
      status.get("/ping").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("pong"));
      status.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
      status.get("/status.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
          .end(statusJson(follower, view.get(), tcp, balancer).toString()));
      status.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
          .end(StatusPage.html(statusJson(follower, view.get(), tcp, balancer))));
      HttpServer statusServer = await(vertx.createHttpServer().requestHandler(status).listen(o.statusPort(),
          o.bind()));
      if (tracker != null) {
        tracker.addListener(leader -> follower.reconnect());
      }
      follower.start();
      LOG.info("Router listening: HTTP {}:{}, status {}:{}, following {}", o.bind(), httpPort, o.bind(),
          statusServer.actualPort(), o.appsUrl().orElse("the apps leader in ZooKeeper"));
      return new RouterService(vertx, follower, tcp, client, tracker, view, httpPort, statusServer.actualPort());
    } catch (Exception | Error e) {
      if (tracker != null) {
        tracker.close();
      }
      if (client != null) {
        client.close();
      }
      vertx.close();
      throw e;
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode statusJson(AppsFollower follower, RoutingView v,
      TcpProxy tcp, Balancer balancer) {
    return StatusPage.json(follower.status(), v.table(), v.apps(), v.backends(), tcp.ports(), balancer);
  }

  private static long ready(RoutingView v, String app) {
    var route = v.apps().get(app);
    return route == null ? 0 : v.backends().values().stream()
        .filter(b -> b.appId().equals(app) && b.ready(route.healthChecked())).count();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The HTTP (virtual host) port. */
  public int httpPort() {
    return httpPort;
  }

  /** The status page port. */
  public int statusPort() {
    return statusPort;
  }

  /** What the router routes by now. */
  public RoutingView view() {
    return view.get();
  }

  @Override
  public void close() {
    follower.close();
    try {  // closes the proxies' listeners and clients with their verticles
      await(vertx.close());
    } catch (Exception e) {
      LOG.debug("Closing Vert.x: {}", e.getMessage());
    }
    if (leaders != null) {
      leaders.close();
    }
    if (zk != null) {
      zk.close();
    }
  }
}
