package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.output.Style;
import dev.stalewatch.ctl.output.Table;
import java.io.PrintWriter;

/** Prints a DecisionResult: the changes a decision touched and the stage's stale count after it. */
final class DecisionOutput {

  private DecisionOutput() {}

  static void changes(PrintWriter out, Style style, JsonNode result) {
    Table table =
        new Table(
            Table.Column.left("Change", 10),
            Table.Column.left("Old", 8).gap(2),
            Table.Column.left("", 2),
            Table.Column.left("New", 8),
            Table.Column.left("State", 12).gap(2),
            Table.Column.right("Stale Items", 11).gap(2),
            Table.Column.left("Verdict", 0).gap(2));
    for (JsonNode change : result.path("changes")) {
      table.row(
          Json.text(change, "changeId"),
          Table.shortHash(Json.text(change, "oldHash")),
          "->",
          Table.shortHash(Json.text(change, "newHash")),
          Json.text(change, "state"),
          Json.number(change, "staleItems"),
          verdict(change));
    }
    if (!table.isEmpty()) {
      out.println();
      table.lines().forEach(out::println);
    }
  }

  static String verdict(JsonNode change) {
    String verdict = Json.text(change, "verdict");
    String method = Json.text(change, "method");
    if (verdict == null && method == null) {
      return "-";
    }
    return (verdict == null ? "-" : verdict) + (method == null ? "" : " (" + method + ")");
  }

  static String items(long n) {
    return n == 1 ? "1 item" : n + " items";
  }
}
