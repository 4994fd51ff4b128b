package dev.drover.master.http;

import dev.drover.master.state.StateSnapshot;
import dev.drover.zk.LeaderInfo;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The UI's one origin: {@code /frameworks/<name>/<path>} goes to framework {@code name}'s leader as found in
 * ZooKeeper ({@code <path>} unchanged, so {@code /frameworks/apps/v2/apps} is the apps leader's {@code /v2/apps}),
 * and {@code /agents/<agentId>/sandbox/<path>} goes to that agent's {@code /files/<path>} at the HTTP address it
 * registered with. An unknown framework or agent answers 404, a framework without a leader 503.
 */
final class UpstreamRoutes {
  private final Proxy proxy;
  private final Function<String, Optional<LeaderInfo>> frameworks;
  private final Supplier<StateSnapshot> snapshot;

  UpstreamRoutes(Proxy proxy, Function<String, Optional<LeaderInfo>> frameworks, Supplier<StateSnapshot> snapshot) {
    this.proxy = proxy;
    this.frameworks = frameworks;
    this.snapshot = snapshot;
  }

  void framework(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!ZkDirectory.FRAMEWORKS.contains(name)) {
      Replies.error(ctx, 404, "name", "no framework '" + name + "' is proxied; known: "
          + String.join(", ", new java.util.TreeSet<>(ZkDirectory.FRAMEWORKS)));
      return;
    }
    Optional<LeaderInfo> leader = frameworks.apply(name);
    if (leader.isEmpty()) {
      Replies.error(ctx, 503, null, "the " + name + " framework has no leader in ZooKeeper: start it with"
          + " `drover " + name + " --zk <zk>`");
      return;
    }
    String prefix = "/frameworks/" + name;
    proxy.forward(ctx, leader.get().host(), leader.get().httpPort(), rest(ctx, prefix), "the " + name
        + " framework's leader at " + leader.get().httpUrl());
  }

  void sandbox(RoutingContext ctx) {
    String agentId = ctx.pathParam("agentId");
    Optional<StateSnapshot.AgentView> agent = snapshot.get().agents().stream()
        .filter(a -> a.id().equals(agentId)).findFirst();
    if (agent.isEmpty()) {
      Replies.error(ctx, 404, "agentId", "no agent '" + agentId + "' is known to the leading master");
      return;
    }
    String rest = rest(ctx, "/agents/" + agentId + "/sandbox");
    StateSnapshot.AgentView a = agent.get();
    proxy.forward(ctx, a.hostname(), a.port(), "/files" + rest, "agent " + agentId + " at " + a.hostname() + ":"
        + a.port());
  }

  /** What follows {@code prefix} in the raw request URI (path and query), always starting with '/'. */
  static String rest(RoutingContext ctx, String prefix) {
    String uri = ctx.request().uri();
    String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "/";
    return rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest;
  }
}
