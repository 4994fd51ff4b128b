package dev.drover.cli;

import dev.drover.jobs.JobsService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "Run the batch framework (Metronome v1-compatible cron jobs).")
final class JobsCommand implements Callable<Integer> {
  @Mixin ZkOptions zk;

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE})",
      defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--http-port", description = "REST port (default: ${DEFAULT-VALUE})", defaultValue = "9000")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    Lifecycle life = new Lifecycle();
    life.add(JobsService.start(zk.zk, bind, httpPort));
    return life.awaitStop();
  }
}
