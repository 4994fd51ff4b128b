package dev.drover.router.routing;

import java.util.Locale;

/** How a route picks among its ready backends; chosen per app by the label {@code DROVER_ROUTER_BALANCE}. */
public enum Balance {
  /** Each backend in turn (the default). */
  ROUNDROBIN,
  /** The backend with the fewest open connections / requests in flight through this router. */
  LEASTCONN;

  /** The balance a label value names ({@code roundrobin} or {@code leastconn}, any case); round-robin otherwise. */
  public static Balance parse(String label) {
    if (label != null && label.trim().toLowerCase(Locale.ROOT).equals("leastconn")) {
      return LEASTCONN;
    }
    return ROUNDROBIN;
  }
}
