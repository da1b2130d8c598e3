package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.ApiResponse;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.output.Style;
import dev.stalewatch.ctl.output.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "history",
    description = {
      "Show the decisions on a stage and who made them.",
      "Every change with the states it went through, and every equivalence."
    })
public final class HistoryCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Mixin StageArgs stageArgs;

  @Option(names = "--json", description = "print the API document as JSON")
  boolean json;

  @Override
  public Integer call() {
    ApiResponse history = root.client().history(stageArgs.job(), stageArgs.stage());
    PrintWriter out = root.io().out();
    if (json) {
      out.println(history.body().strip());
      return ExitCodes.OK;
    }
    render(out, root.style(), history.json());
    return ExitCodes.OK;
  }

  static void render(PrintWriter out, Style style, JsonNode h) {
    out.println(style.bold("History of " + Json.text(h, "jobId") + "/" + Json.text(h, "stage"))
        + " (current " + Json.text(h, "currentHash") + ")");
    if (h.path("changes").isEmpty()) {
      out.println();
      out.println("No changes yet.");
    }
    for (JsonNode change : h.path("changes")) {
      out.println();
      out.println(style.bold("Change " + Json.text(change, "changeId")) + ": "
          + Table.shortHash(Json.text(change, "oldHash")) + " -> "
          + Table.shortHash(Json.text(change, "newHash")) + ", now " + Json.text(change, "state"));
      Table table =
          new Table(
              Table.Column.left("When", 20),
              Table.Column.left("State", 12).gap(2),
              Table.Column.left("Verdict", 10).gap(2),
              Table.Column.left("By", 8).gap(2),
              Table.Column.left("Reason", 0).gap(2));
      for (JsonNode entry : change.path("history")) {
        String author = Json.text(entry, "author");
        String state = Json.text(entry, "state");
        long attempt = Json.number(entry, "attempt");
        table.row(
            Json.text(entry, "at"),
            attempt > 1 ? state + " #" + attempt : state,
            DecisionOutput.verdict(entry),
            author == null ? "stalewatch" : author,
            oneLine(Json.text(entry, "reason")));
      }
      table.lines().forEach(line -> out.println("  " + line));
    }
    if (!h.path("equivalences").isEmpty()) {
      out.println();
      out.println(style.bold("Equivalences:"));
      out.println();
      Table table =
          new Table(
              Table.Column.left("Old", 8),
              Table.Column.left("", 1),
              Table.Column.left("New", 8),
              Table.Column.left("State", 9).gap(2),
              Table.Column.left("Method", 10).gap(2),
              Table.Column.left("By", 8).gap(2),
              Table.Column.left("When", 20).gap(2),
              Table.Column.left("Reason", 0).gap(2));
      for (JsonNode edge : h.path("equivalences")) {
        String state = Json.text(edge, "state");
        String unblessedBy = Json.text(edge, "unblessedBy");
        String author = Json.text(edge, "author");
        table.row(
            Table.shortHash(Json.text(edge, "oldHash")),
            "=",
            Table.shortHash(Json.text(edge, "newHash")),
            state,
            Json.text(edge, "method"),
            (author == null ? "stalewatch" : author) + (unblessedBy == null ? "" : ", unblessed by " + unblessedBy),
            Json.text(edge, "createdAt"),
            oneLine(Json.text(edge, "reason")));
      }
      table.lines().forEach(out::println);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
