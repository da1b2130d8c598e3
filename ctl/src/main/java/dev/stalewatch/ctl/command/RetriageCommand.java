package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "retriage",
    description = "Send the stage's pending changes (or one) back to triage as a new attempt.")
public final class RetriageCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Option(names = "--change", paramLabel = "ID", description = "retriage only this change")
  String changeId;

  @Option(names = "--json", description = "print the API's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    ObjectNode body = Json.object();
    if (changeId != null) {
      body.put("changeId", changeId);
    }
    var result = root.clientWithToken().decide(job, stage, "retriage", body);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(result.body().strip());
      return ExitCodes.OK;
    }
    int sent = 0;
    for (JsonNode change : result.json().path("changes")) {
      if ("TRIAGING".equals(Json.text(change, "state"))) {
        sent++;
      }
    }
    out.println("Sent " + sent + (sent == 1 ? " change" : " changes") + " on " + job + "/" + stage
        + " back to triage.");
    DecisionOutput.changes(out, root.style(), result.json());
    return ExitCodes.OK;
  }
}
