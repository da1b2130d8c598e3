package dev.stalewatch.snapshot.rest.dto;

/** JSON bodies of the decision endpoints (its OpenAPI at /q/openapi). */
public final class DecisionRequests {

    private DecisionRequests() {
    }

    public record Bless(String expectedCurrentHash, String reason, String changeId) {
    }

    public record Unbless(String oldHash, String newHash, String changeId) {
    }

    public record Reset(String expectedCurrentHash) {
    }

    public record Retriage(String changeId) {
    }

    public record Current(String hash) {
    }
}
