package dev.stalewatch.triageservice.prompt;

import java.util.Optional;

import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.Difference;

/** Everything a triage prompt shows: where the change is, the diff, both versions and the first difference. */
public record PromptInput(String jobId, String stage, CodeSnapshot oldVersion, CodeSnapshot newVersion,
        Optional<String> unifiedDiff, Optional<Difference> firstDifference) {
}
