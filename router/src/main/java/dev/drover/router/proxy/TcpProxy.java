package dev.drover.router.proxy;

import dev.drover.router.ops.RouterMetrics;
import dev.drover.router.routing.Balancer;
import dev.drover.router.routing.Pool;
import dev.drover.router.routing.RoutingTable;
import dev.drover.router.routing.Target;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on every service port of the routing table (on the router's bind address) and splices each accepted
 * connection to a ready backend of that port's app, chosen when the connection opens (a connect failure tries the
 * next backend). Ports no longer in the table are closed; connections already spliced stay open.
 *
 * <p>Threading: {@link #update} is called by one thread at a time (the follower's context); each port is served by
 * {@code loops} listeners (verticles sharing the port, one per event loop) whose connection handling reads the table
 * through {@code table}.
 */
public final class TcpProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
  private static final int MAX_TRIES = 3;

  private final Vertx vertx;
  private final String bind;
  private final Balancer balancer;
  private final RouterMetrics metrics;
  private final Supplier<RoutingTable> table;
  private final NetClient client;
  private final int loops;
  /** Deployment id of each service port's listeners (one per event loop), or "" while deploying. */
  private final Map<Integer, String> servers = new ConcurrentHashMap<>();
  private final Map<Integer, String> problems = new ConcurrentHashMap<>();

  /** A proxy listening with {@code loops} event loops per service port. */
  public TcpProxy(Vertx vertx, String bind, int loops, Balancer balancer, RouterMetrics metrics,
      Supplier<RoutingTable> table) {
    this.vertx = vertx;
    this.loops = loops;
    this.bind = bind;
    this.balancer = balancer;
    this.metrics = metrics;
    this.table = table;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000).setTcpNoDelay(true));
  }

  /** Opens listeners for new service ports of {@code t} and closes those it no longer has. */
  public void update(RoutingTable t) {
    for (Integer port : t.tcp().keySet()) {
      if (!servers.containsKey(port) && !problems.containsKey(port)) {
        servers.put(port, "");
        vertx.deployVerticle(() -> new Listener(port), new DeploymentOptions().setInstances(loops))
            .onSuccess(id -> {
              if (!servers.replace(port, "", id)) {
                vertx.undeploy(id);  // the port went away while its listeners were starting
              }
            })
            .onFailure(e -> {
              LOG.warn("Cannot listen on service port {}: {}", port, e.getMessage());
              servers.remove(port, "");
              problems.put(port, "cannot listen: " + e.getMessage());
            });
      }
    }
    Set<Integer> gone = new HashSet<>(servers.keySet());
    gone.removeAll(t.tcp().keySet());
    for (Integer port : gone) {
      String id = servers.remove(port);
      if (id != null && !id.isEmpty()) {
        vertx.undeploy(id);
      }
    }
    problems.keySet().retainAll(t.tcp().keySet());
  }

  /** Service ports and their listener's state ({@code listening} or why not), for the status page. */
  public Map<Integer, String> ports() {
    Map<Integer, String> m = new TreeMap<>();
    servers.forEach((p, id) -> m.put(p, id.isEmpty() ? "opening" : "listening"));
    m.putAll(problems);
    return m;
  }

  private void accept(int port, NetSocket so) {
    so.pause();
    Pool pool = table.get().tcp().get(port);
    if (pool == null) {
      metrics.error("", "", "no_route");
      so.close();
      return;
    }
    connect(pool, so, new HashSet<>(), 0);
  }

  private void connect(Pool pool, NetSocket so, Set<String> tried, int attempt) {
    var target = balancer.pick(pool, tried);
    if (target.isEmpty() || attempt >= MAX_TRIES) {
      metrics.error(pool.appId(), "", "no_backend");
      so.close();
      return;
    }
    Target t = target.get();
    client.connect(t.port(), t.host()).onSuccess(backend -> splice(pool, t, so, backend)).onFailure(e -> {
      metrics.error(pool.appId(), t.address(), "connect");
      balancer.eject(t.address());
      tried.add(t.address());
      connect(pool, so, tried, attempt + 1);
    });
  }

  private void splice(Pool pool, Target t, NetSocket so, NetSocket backend) {
    balancer.opened(t.address());
    metrics.tcpConnection(pool.appId(), t.address());
    boolean[] done = new boolean[1];
    Runnable close = () -> {
      if (!done[0]) {
        done[0] = true;
        balancer.closed(t.address());
      }
      so.close();
      backend.close();
    };
    so.closeHandler(v -> close.run());
    backend.closeHandler(v -> close.run());
    so.exceptionHandler(e -> close.run());
    backend.exceptionHandler(e -> close.run());
    so.pipeTo(backend);
    backend.pipeTo(so);
  }

  /** The listener of one service port on one event loop. */
  private final class Listener extends AbstractVerticle {
    private final int port;

    Listener(int port) {
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      NetServer server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
          .connectHandler(so -> accept(port, so));
      server.listen(port, bind).<Void>mapEmpty().onComplete(started);
    }
  }

  @Override
  public void close() {
    servers.values().stream().filter(id -> !id.isEmpty()).forEach(vertx::undeploy);
    servers.clear();
    client.close();
  }
}
