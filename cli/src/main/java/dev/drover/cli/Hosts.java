package dev.drover.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

final class Hosts {
  private Hosts() {}

  /** This machine's host name, as other hosts should reach it; loopback if it has none. */
  static String localHostname() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }
}
