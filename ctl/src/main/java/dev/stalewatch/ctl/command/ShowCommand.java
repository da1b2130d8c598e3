package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.client.StalewatchClient;
import dev.stalewatch.ctl.output.Style;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "show",
    description = {
      "Show the open changes of a stage, with their diffs.",
      "For each: old -> new hash, state, stale items, verdict, method, reason, a link to its",
      "page and the unified diff (coloured on a terminal, plain when piped or with NO_COLOR)."
    })
public final class ShowCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Option(
      names = "--json",
      description = "print the stage and each change as GET /api/changes/{id} answers it")
  boolean json;

  @Override
  public Integer call() {
    String job = stageArgs.job();
    String stage = stageArgs.stage();
    StalewatchClient client = root.client();
    PrintWriter out = root.io().out();
    Optional<JsonNode> entry = StageLookup.find(client, job, stage);
    List<JsonNode> open = entry.map(StageLookup::openChanges).orElse(List.of());

    ObjectNode document = Json.object();
    document.put("jobId", job);
    document.put("stage", stage);
    document.put("currentHash", entry.map(e -> Json.text(e, "currentHash")).orElse(null));
    document.put("staleItems", entry.map(e -> Json.number(e, "staleItems")).orElse(0L));
    ArrayNode warnings = document.putArray("warnings");
    entry.ifPresent(e -> e.path("warnings").forEach(warnings::add));
    ArrayNode changes = document.putArray("changes");
    for (JsonNode change : open) {
      changes.add(client.change(Json.text(change, "changeId")).json());
    }
    if (json) {
      out.println(Json.write(document));
      return ExitCodes.OK;
    }
    render(out, root.style(), client, document);
    return ExitCodes.OK;
  }

  static void render(PrintWriter out, Style style, StalewatchClient client, JsonNode document) {
    String key = Json.text(document, "jobId") + "/" + Json.text(document, "stage");
    if (document.path("changes").isEmpty()) {
      out.println("No open changes on " + key + ".");
    } else {
      out.println(
          style.bold(key)
              + "  current " + Json.text(document, "currentHash")
              + "  " + DecisionOutput.items(Json.number(document, "staleItems")) + " stale");
    }
    for (JsonNode warning : document.path("warnings")) {
      out.println(style.yellow("warning: " + warning.asText()));
    }
    for (JsonNode change : document.path("changes")) {
      String id = Json.text(change, "changeId");
      out.println();
      out.println(
          style.bold("Change " + id) + ": "
              + Json.text(change, "oldHash") + " -> " + Json.text(change, "newHash"));
      field(out, "State", state(change));
      field(out, "Stale items", Long.toString(Json.number(change, "staleItems")));
      field(out, "Verdict", DecisionOutput.verdict(change)
          + (Json.text(change, "model") == null ? "" : ", model " + Json.text(change, "model")));
      String reason = Json.text(change, "reason");
      field(out, "Reason", reason == null ? "-" : reason.replaceAll("\\s*[\\r\\n]+\\s*", " "));
      field(out, "Page", client.changePage(id));
      String diff = Json.text(change, "diff");
      out.println();
      if (diff == null || diff.isEmpty()) {
        out.println(style.dim(change.path("oldSnapshot").isNull() || change.path("oldSnapshot").isMissingNode()
            ? "(no diff: the old version's source was never reported)"
            : "(no textual difference)"));
        continue;
      }
      String body = diff.endsWith("\n") ? diff.substring(0, diff.length() - 1) : diff;
      for (String line : body.split("\n", -1)) {
        out.println(style.diffLine(line));
      }
    }
  }

  private static String state(JsonNode change) {
    String state = Json.text(change, "state");
    long attempt = Json.number(change, "attempt");
    return attempt > 1 ? state + " (attempt " + attempt + ")" : state;
  }

  private static void field(PrintWriter out, String name, String value) {
    out.println("  " + String.format("%-12s", name + ":") + " " + value);
  }
}
