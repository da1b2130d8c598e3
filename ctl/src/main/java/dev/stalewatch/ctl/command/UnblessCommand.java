package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "unbless",
    description = {
      "Take back an equivalence.",
      "Old results are stale again, the change reopens for a person, and auto-bless never",
      "applies to that pair again."
    })
public final class UnblessCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--change", paramLabel = "ID", description = "the change that blessed it")
    String changeId;

    @Option(
        names = "--edge",
        arity = "2",
        paramLabel = "HASH",
        description = "the equivalence OLD NEW")
    List<String> edge;
  }

  @Option(names = "--json", description = "print the API's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    ObjectNode body = Json.object();
    String what;
    if (target.changeId != null) {
      body.put("changeId", target.changeId);
      what = "change " + target.changeId;
    } else {
      body.put("oldHash", target.edge.get(0));
      body.put("newHash", target.edge.get(1));
      what = target.edge.get(0) + " = " + target.edge.get(1);
    }
    var result = root.clientWithToken().decide(job, stage, "unbless", body);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(result.body().strip());
      return ExitCodes.OK;
    }
    JsonNode r = result.json();
    out.println("Unblessed " + what + " on " + job + "/" + stage + "; its old results are stale again"
        + " and auto-bless will not apply to it again.");
    DecisionOutput.changes(out, root.style(), r);
    out.println();
    out.println("Stale items now: " + Json.number(r, "staleItems") + ".");
    return ExitCodes.OK;
  }
}
