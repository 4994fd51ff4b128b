package dev.drover.agent.task;

import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** What the {@link TaskManager} checks before it admits a task, and how it words a refusal. */
final class TaskAdmission {
  private TaskAdmission() {}

  static String describe(String name, Resources wanted, Resources free) {
    if (wanted.scalarNames().contains(name)) {
      return name + " (wants " + fmt(wanted.scalar(name)) + ", free " + fmt(free.scalar(name)) + ")";
    }
    if (wanted.rangeNames().contains(name)) {
      return name + " (wants " + wanted.ranges(name) + ", free " + free.ranges(name) + ")";
    }
    return name + " (wants " + wanted.set(name) + ", free " + free.set(name) + ")";
  }

  /** Most ports a task may ask for that are probed on the host; beyond these the bookkeeping alone decides. */
  private static final int MAX_PROBED_PORTS = 64;

  /**
   * The ports of {@code ports} that something outside Drover already listens on (a bind on all addresses fails).
   * The agent's own bookkeeping keeps tasks from sharing ports; this catches the rest of the host.
   */
  static List<Long> inUseOnHost(RangeSet ports) {
    List<Long> busy = new ArrayList<>();
    int probed = 0;
    for (Range r : ports.ranges()) {
      for (long p = r.begin(); p <= r.end() && probed < MAX_PROBED_PORTS; p++, probed++) {
        if (p > 0 && p <= 65535 && !bindable((int) p)) {
          busy.add(p);
        }
      }
    }
    return busy;
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean safeName(String s) {
    return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\0') < 0;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
