package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalewatch.ctl.client.ApiResponse;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.client.StalewatchClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds one stage in GET /api/stale: its current hash, open changes, stale items and warnings. */
final class StageLookup {

  static final int PAGE = 1000;

  private StageLookup() {}

  /** The stage's entry, or empty when it has nothing open, nothing stale and no warning. */
  static Optional<JsonNode> find(StalewatchClient client, String job, String stage) {
    String cursor = null;
    do {
      ApiResponse page = client.stale("24h", job, PAGE, cursor);
      for (JsonNode entry : page.json().path("pending")) {
        if (job.equals(Json.text(entry, "jobId")) && stage.equals(Json.text(entry, "stage"))) {
          return Optional.of(entry);
        }
      }
      cursor = Json.text(page.json(), "nextCursor");
    } while (cursor != null);
    return Optional.empty();
  }

  static List<JsonNode> openChanges(JsonNode entry) {
    List<JsonNode> open = new ArrayList<>();
    entry.path("changes").forEach(open::add);
    return open;
  }
}
