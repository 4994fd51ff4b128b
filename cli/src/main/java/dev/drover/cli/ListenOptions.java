package dev.drover.cli;

import picocli.CommandLine.Option;

/** Where a server component listens and the name it advertises to others. */
final class ListenOptions {
  @Option(names = "--hostname", description = "Host name advertised to the rest of the cluster (default: this host)")
  String hostname;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
  String bind;

  String advertised() {
    return hostname == null || hostname.isBlank() ? Hosts.localHostname() : hostname;
  }
}
