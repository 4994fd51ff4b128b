package dev.drover.cli;

import dev.drover.jobs.JobsOptions;
import dev.drover.jobs.JobsService;
import java.time.Duration;
import dev.drover.cli.ops.JobsOps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true,
    subcommands = {JobsOps.ListJobs.class, JobsOps.Show.class, JobsOps.Add.class, JobsOps.Run.class,
        JobsOps.History.class, JobsOps.Suspend.class, JobsOps.Resume.class, JobsOps.Remove.class},
    description = {"Run the batch framework (Metronome v1-compatible cron jobs). Start several for HA: one leads, "
        + "the others proxy to it.",
        "With a command (list, add, run, ...): manage jobs through the leading master (see docs/cli.md)."})
final class JobsCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Mixin SecurityOptions security;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})",
      defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--http-port", description = "REST port (default: ${DEFAULT-VALUE})", defaultValue = "9000")
  int httpPort;

  @Option(names = "--hostname", description = "Host name the other instances proxy to (default: the bind "
      + "address, or the local host name when binding to all interfaces)")
  String hostname;

  @Option(names = "--failover-timeout", description = "How long the master keeps the framework's tasks while no "
      + "instance is connected (default: ${DEFAULT-VALUE})", defaultValue = "P7D", converter = DurationConverter.class)
  Duration failoverTimeout;

  @Option(names = "--lookahead", description = "How long before its tick a scheduled run is written to ZooKeeper "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "5s", converter = DurationConverter.class)
  Duration lookahead;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(JobsService.start(zk.zk, bind, httpPort, JobsOptions.defaults().withHostname(hostname)
        .withZkSessionTimeout(zk.sessionTimeout).withFailoverTimeout(failoverTimeout).withLookahead(lookahead),
        security.security()));
    return life.awaitStop();
  }
}
