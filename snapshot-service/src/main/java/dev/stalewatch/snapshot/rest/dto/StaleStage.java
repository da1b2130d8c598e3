package dev.stalewatch.snapshot.rest.dto;

import java.util.List;

/** A stage with undecided changes or warnings. */
public record StaleStage(String jobId, String stage, String currentHash, long staleItems, List<StaleChange> changes,
        List<String> warnings) {
}
