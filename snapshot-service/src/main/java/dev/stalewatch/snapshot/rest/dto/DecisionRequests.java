package dev.stalewatch.snapshot.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.stalewatch.snapshot.rest.RequestFields;

/**
 * JSON bodies of the decision endpoints (their OpenAPI at /q/openapi). Hashes and change ids have their wire shapes
 * ({@code WirePatterns}); a reason is at most {@value RequestFields#MAX_REASON_CHARS} characters. A
 * field that breaks its limit is a 400 problem naming it; a whole body over
 * {@code quarkus.http.limits.max-body-size} is a 413.
 */
public final class DecisionRequests {

    private static final String HASH = "[A-Za-z0-9._:-]{8,128}";
    private static final String CHANGE_ID = "[A-Za-z0-9._:-]{1,128}";

    private DecisionRequests() {
    }

    public record Bless(
            @Schema(required = true, pattern = HASH, description = "the current hash the person looked at")
            String expectedCurrentHash,
            @Schema(maxLength = RequestFields.MAX_REASON_CHARS, description = "why, recorded with the author: at most "
                    + RequestFields.MAX_REASON_CHARS + " characters, no control characters but tab and line breaks")
            String reason,
            @Schema(pattern = CHANGE_ID, description = "bless only this change")
            String changeId) {
    }

    public record Unbless(
            @Schema(pattern = HASH) String oldHash,
            @Schema(pattern = HASH) String newHash,
            @Schema(pattern = CHANGE_ID) String changeId) {
    }

    public record Reset(@Schema(required = true, pattern = HASH) String expectedCurrentHash) {
    }

    public record Retriage(@Schema(pattern = CHANGE_ID) String changeId) {
    }

    public record Current(@Schema(required = true, pattern = HASH) String hash) {
    }
}
