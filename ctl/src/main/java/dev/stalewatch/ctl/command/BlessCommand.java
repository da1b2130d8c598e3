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
    name = "bless",
    description = {
      "Mark the stage's open changes as equivalent.",
      "Old results count as current again. Sends the current hash it saw; if the stage moved",
      "on meanwhile nothing is blessed (exit 1: look again)."
    })
public final class BlessCommand implements Callable<Integer> {

  /** snapshot-service's limit on a reason (its RequestFields.MAX_REASON_CHARS), in characters. */
  static final int MAX_REASON_CHARS = 2000;

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "why (recorded with your name); at most " + MAX_REASON_CHARS + " characters")
  String reason;

  @Option(names = "--change", paramLabel = "ID", description = "bless only this change")
  String changeId;

  @Option(names = "--json", description = "print the API's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    checkReason();
    StalewatchClient client = root.clientWithToken();
    JsonNode entry =
        StageLookup.find(client, job, stage)
            .filter(e -> !e.path("changes").isEmpty())
            .orElseThrow(() -> CtlException.no("nothing to bless on " + job + "/" + stage + ": no open change"));
    String currentHash = Json.text(entry, "currentHash");
    long staleBefore = Json.number(entry, "staleItems");

    ObjectNode body = Json.object();
    body.put("expectedCurrentHash", currentHash);
    if (reason != null) {
      body.put("reason", reason);
    }
    if (changeId != null) {
      body.put("changeId", changeId);
    }
    var result = client.decide(job, stage, "bless", body);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(result.body().strip());
      return ExitCodes.OK;
    }
    long staleAfter = Json.number(result.json(), "staleItems");
    int blessed = 0;
    StringBuilder hashes = new StringBuilder();
    for (JsonNode change : result.json().path("changes")) {
      if ("BLESSED".equals(Json.text(change, "state"))) {
        blessed++;
        hashes.append(hashes.length() == 0 ? "" : ", ")
            .append(Json.text(change, "oldHash")).append(" = ").append(Json.text(change, "newHash"));
      }
    }
    out.println("Blessed " + blessed + (blessed == 1 ? " change" : " changes") + " on " + job + "/" + stage
        + " (current " + currentHash + "): " + hashes);
    DecisionOutput.changes(out, root.style(), result.json());
    out.println();
    out.println(DecisionOutput.items(Math.max(0, staleBefore - staleAfter)) + " no longer stale; "
        + staleAfter + " still stale.");
    return ExitCodes.OK;
  }

  /** Refuses locally what snapshot-service would refuse with a 400, before anything is sent. */
  private void checkReason() {
    if (reason == null) {
      return;
    }
    int chars = reason.codePointCount(0, reason.length());
    if (chars > MAX_REASON_CHARS) {
      throw CtlException.usage("--reason has " + chars + " characters; snapshot-service accepts at most "
          + MAX_REASON_CHARS);
    }
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
        throw CtlException.usage("--reason contains the control character U+"
            + String.format("%04X", (int) c) + "; only tab and line breaks are accepted");
      }
    }
  }
}
