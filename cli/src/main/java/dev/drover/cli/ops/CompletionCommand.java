package dev.drover.cli.ops;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code drover completion}: prints a bash (and zsh) completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash completion script. Use: source <(drover completion)",
        "or save it as /etc/bash_completion.d/drover (the distribution ships it as completion/drover.bash)."})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
    // (the build writes the same script with dev.drover.cli.CompletionScript into the tarball)
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
