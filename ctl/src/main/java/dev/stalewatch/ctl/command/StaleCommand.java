package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.ApiResponse;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.output.StaleView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "stale",
    description = {
      "Show stages with unresolved version changes.",
      "Lists stages where the handler code changed and items may need reprocessing;",
      "auto-blessed (cosmetic) changes are shown separately."
    })
public final class StaleCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      defaultValue = "24h",
      description = "how far back to list auto-blessed changes: 30m, 24h, 7d (default ${DEFAULT-VALUE})")
  String since;

  @Option(names = "--job", paramLabel = "JOB", description = "only this job")
  String job;

  @Option(names = "--json", description = "print the API document (GET /api/stale) as JSON")
  boolean json;

  @Option(
      names = "--exit-code",
      description = "exit 1 when any change waits for a decision (or for triage), like git diff --exit-code")
  boolean exitCode;

  @Override
  public Integer call() {
    if (job != null) {
      StageArgs.checked("--job", job);
    }
    PrintWriter out = root.io().out();
    ApiResponse first = root.client().stale(since, job, StageLookup.PAGE, null);
    String cursor = Json.text(first.json(), "nextCursor");
    if (cursor == null) {
      if (json) {
        out.println(first.body().strip());
      } else {
        StaleView.render(first.json(), since, root.style()).forEach(out::println);
      }
      return exitFor(first.json());
    }
    // more stages than one page holds: gather every page into one document
    ObjectNode all = (ObjectNode) first.json().deepCopy();
    ArrayNode pending = (ArrayNode) all.withArray("pending");
    while (cursor != null) {
      JsonNode page = root.client().stale(since, job, StageLookup.PAGE, cursor).json();
      page.path("pending").forEach(pending::add);
      cursor = Json.text(page, "nextCursor");
    }
    all.putNull("nextCursor");
    if (json) {
      out.println(Json.write(all));
    } else {
      StaleView.render(all, since, root.style()).forEach(out::println);
    }
    return exitFor(all);
  }

  /** A reset stage has been decided (it waits for the pipeline to recompute), so it does not count. */
  private int exitFor(JsonNode report) {
    boolean waiting = false;
    for (JsonNode stage : report.path("pending")) {
      for (JsonNode change : stage.path("changes")) {
        String state = change.path("state").asText();
        waiting |= state.equals("PENDING") || state.equals("TRIAGING");
      }
    }
    return exitCode && waiting ? ExitCodes.NO : ExitCodes.OK;
  }
}
