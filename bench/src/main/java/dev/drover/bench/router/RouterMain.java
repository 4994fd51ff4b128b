package dev.drover.bench.router;

import dev.drover.router.RouterOptions;
import dev.drover.router.RouterService;
import java.time.Duration;
import java.util.Optional;

/**
 * The router as a process of its own for {@link RouterBench} (pinned to a core with {@code taskset}): follows the
 * stand-in apps endpoint given as {@code args[0]}, serves HTTP on {@code args[1]} (0 = any), prints {@code READY
 * <httpPort>} once it listens, and stops when its standard input closes (the bench went away).
 */
public final class RouterMain {
  private RouterMain() {}

  public static void main(String[] args) throws Exception {
    RouterService router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(args[0]),
        "127.0.0.1", Integer.parseInt(args[1]), 0, Duration.ofMinutes(10), Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(10)));
    System.out.println("READY " + router.httpPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the bench to close our input
    }
    router.close();
    System.exit(0);
  }
}
