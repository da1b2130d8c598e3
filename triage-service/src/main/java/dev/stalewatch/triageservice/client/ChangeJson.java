package dev.stalewatch.triageservice.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of GET /api/changes/{id} triage uses: the unified diff (null if a side is missing). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeJson(String changeId, String diff) {
}
