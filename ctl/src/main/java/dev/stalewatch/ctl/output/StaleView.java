package dev.stalewatch.ctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalewatch.ctl.client.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code jobctl stale}, from the GET /api/stale document: the original plan's
 * "Pending decisions:" table and hints (or "No pending version changes."), warnings, then
 * "Auto-blessed (last …):" with what decided each.
 */
public final class StaleView {

  private StaleView() {}

  public static List<String> render(JsonNode report, String since, Style style) {
    List<String> out = new ArrayList<>();
    Table pending =
        new Table(
            Table.Column.left("Job", 30),
            Table.Column.left("Stage", 20),
            Table.Column.right("Stale Items", 12),
            Table.Column.left("Hash", 8).gap(2),
            Table.Column.left("Status", 0).gap(2));
    List<String> warnings = new ArrayList<>();
    for (JsonNode stage : report.path("pending")) {
      String key = Json.text(stage, "jobId") + "/" + Json.text(stage, "stage");
      for (JsonNode warning : stage.path("warnings")) {
        warnings.add(key + ": " + warning.asText());
      }
      if (stage.path("changes").isEmpty()) {
        continue; // only warnings (e.g. reset requested, still stale): nothing to decide
      }
      pending.row(
          Json.text(stage, "jobId"),
          Json.text(stage, "stage"),
          Json.number(stage, "staleItems"),
          Table.shortHash(Json.text(stage, "currentHash")),
          status(stage.path("changes")));
    }

    if (pending.isEmpty()) {
      out.add("No pending version changes.");
    } else {
      out.add(style.bold("Pending decisions:"));
      out.add("");
      out.addAll(pending.lines());
      out.add("");
      out.add("Use 'jobctl bless JOB STAGE' to mark as equivalent");
      out.add("Use 'jobctl reset JOB STAGE' to reprocess stale items");
    }

    if (!warnings.isEmpty()) {
      out.add("");
      out.add(style.bold("Warnings:"));
      out.add("");
      warnings.forEach(w -> out.add("  " + style.yellow(w)));
    }

    Table blessed =
        new Table(
            Table.Column.left("Job", 30),
            Table.Column.left("Stage", 20),
            Table.Column.left("Decided by", 16),
            Table.Column.left("Reason", 0));
    for (JsonNode change : report.path("autoBlessed")) {
      blessed.row(
          Json.text(change, "jobId"),
          Json.text(change, "stage"),
          decidedBy(Json.text(change, "method")),
          oneLine(Json.text(change, "reason")));
    }
    if (!blessed.isEmpty()) {
      out.add("");
      out.add(style.bold("Auto-blessed (last " + since + "):"));
      out.add("");
      out.addAll(blessed.lines());
    }
    return out;
  }

  /** "pending", "triaging", or counts of each when a stage has several open changes. */
  static String status(JsonNode changes) {
    int pending = 0;
    int triaging = 0;
    for (JsonNode change : changes) {
      if ("TRIAGING".equals(Json.text(change, "state"))) {
        triaging++;
      } else {
        pending++;
      }
    }
    if (triaging == 0) {
      return pending == 1 ? "pending" : pending + " pending";
    }
    if (pending == 0) {
      return triaging == 1 ? "triaging" : triaging + " triaging";
    }
    return pending + " pending, " + triaging + " triaging";
  }

  /** Whether a structural proof or the LLM decided (the original only ever had the LLM). */
  public static String decidedBy(String method) {
    if (method == null) {
      return "-";
    }
    return switch (method) {
      case "STRUCTURAL" -> "structural proof";
      case "IDENTICAL" -> "identical code";
      case "LLM" -> "LLM";
      case "MANUAL" -> "a person";
      default -> method;
    };
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
