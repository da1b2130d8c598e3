package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.client.StalewatchClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "reset",
    description = {
      "Ask the pipeline to reprocess stale items.",
      "Publishes ResetRequested for the stage's pending changes. Sends the current hash it saw",
      "(exit 1 if it moved)."
    })
public final class ResetCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Option(names = "--json", description = "print the API's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    StalewatchClient client = root.clientWithToken();
    JsonNode entry =
        StageLookup.find(client, job, stage)
            .orElseThrow(() -> CtlException.no("nothing to reset on " + job + "/" + stage + ": no pending change"));
    String currentHash = Json.text(entry, "currentHash");
    ObjectNode body = Json.object();
    body.put("expectedCurrentHash", currentHash);
    var result = client.decide(job, stage, "reset", body);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(result.body().strip());
      return ExitCodes.OK;
    }
    int reset = 0;
    long items = 0;
    for (JsonNode change : result.json().path("changes")) {
      if ("RESET".equals(Json.text(change, "state"))) {
        reset++;
        items += Json.number(change, "staleItems");
      }
    }
    out.println("Reset requested on " + job + "/" + stage + " (current " + currentHash + "): "
        + reset + (reset == 1 ? " change, " : " changes, ") + DecisionOutput.items(items)
        + " to recompute.");
    DecisionOutput.changes(out, root.style(), result.json());
    out.println();
    out.println("'jobctl stale' shows \"reset requested, N still stale\" until the pipeline reports"
        + " the results recomputed (" + Json.number(result.json(), "staleItems") + " stale now).");
    return ExitCodes.OK;
  }
}
