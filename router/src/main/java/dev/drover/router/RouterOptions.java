package dev.drover.router;

import java.time.Duration;
import java.util.Optional;

/**
 * How a router starts. Immutable.
 *
 * @param zk ZooKeeper connect string (with chroot) to find the apps framework's leader in; empty with {@code appsUrl}
 * @param appsUrl a fixed apps framework URL (e.g. {@code http://127.0.0.1:8080}); wins over {@code zk} when given
 * @param bind address every listener binds (service ports, HTTP port, status port)
 * @param httpPort the HTTP (virtual host) port; 0 picks a free one
 * @param statusPort the status page / metrics port; 0 picks a free one
 * @param resyncEvery how often a full resync runs even without definition changes (a safety net for missed events)
 * @param httpInstances event loops serving the HTTP port, and each service port (listeners sharing the port)
 * @param zkSessionTimeout the ZooKeeper session timeout (with {@code zk})
 */
public record RouterOptions(Optional<String> zk, Optional<String> appsUrl, String bind, int httpPort, int statusPort,
    Duration resyncEvery, int httpInstances, Duration zkSessionTimeout) {

  public RouterOptions {
    if (zk.isEmpty() && appsUrl.isEmpty()) {
      throw new IllegalArgumentException("either --zk or --apps is needed to find the apps framework");
    }
    appsUrl = appsUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    if (httpInstances < 1) {
      throw new IllegalArgumentException("httpInstances must be >= 1");
    }
  }

  /** These options with another resync period, HTTP instance count and ZooKeeper session timeout. */
  public RouterOptions with(Duration resync, int instances, Duration session) {
    return new RouterOptions(zk, appsUrl, bind, httpPort, statusPort, resync, instances, session);
  }

  /** Options with the defaults: resync every 30 s, one HTTP instance per core, a 10 s ZooKeeper session. */
  public static RouterOptions of(String zk, String appsUrl, String bind, int httpPort, int statusPort) {
    return new RouterOptions(Optional.ofNullable(zk).filter(z -> !z.isBlank()),
        Optional.ofNullable(appsUrl).filter(u -> !u.isBlank()), bind, httpPort, statusPort, Duration.ofSeconds(30),
        Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10));
  }
}
