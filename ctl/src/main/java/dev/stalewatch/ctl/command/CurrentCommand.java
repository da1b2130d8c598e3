package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "current",
    description = "Make HASH the stage's current version by hand, e.g. after a rollback.")
public final class CurrentCommand implements Callable<Integer> {

  private static final Pattern HASH = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Parameters(index = "2", paramLabel = "HASH", description = "a version reported with its source")
  String hash;

  @Option(names = "--json", description = "print the API's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    if (!HASH.matcher(hash).matches()) {
      throw CtlException.usage("HASH must match " + HASH.pattern() + ", was '" + hash + "'");
    }
    ObjectNode body = Json.object();
    body.put("hash", hash);
    var result = root.clientWithToken().decide(job, stage, "current", body);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(result.body().strip());
      return ExitCodes.OK;
    }
    out.println("Current version of " + job + "/" + stage + " is now "
        + Json.text(result.json(), "currentHash") + "; "
        + DecisionOutput.items(Json.number(result.json(), "staleItems")) + " stale.");
    DecisionOutput.changes(out, root.style(), result.json());
    return ExitCodes.OK;
  }
}
