package dev.stalewatch.ctl.command;

import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "completion",
    description = {
      "Print the bash/zsh completion script.",
      "Use: source <(jobctl completion); ctl/completion/jobctl.bash is the same script."
    })
public final class CompletionCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Override
  public Integer call() {
    root.io().out().print(script(root.io()));
    return ExitCodes.OK;
  }

  /** The script picocli generates for the whole command tree (this command included). */
  public static String script(dev.stalewatch.ctl.Io io) {
    CommandLine cli = Jobctl.commandLine(io);
    return AutoComplete.bash("jobctl", cli);
  }
}
