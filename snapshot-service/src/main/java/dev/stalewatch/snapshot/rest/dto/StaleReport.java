package dev.stalewatch.snapshot.rest.dto;

import java.util.List;

/** GET /api/stale (its OpenAPI at /q/openapi). {@code nextCursor} is null on the last page. */
public record StaleReport(List<StaleStage> pending, List<AutoBlessed> autoBlessed, String nextCursor) {
}
