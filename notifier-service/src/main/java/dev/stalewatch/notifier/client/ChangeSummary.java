package dev.stalewatch.notifier.client;

/** One change as a push (and the webhook payload) describes it. */
public record ChangeSummary(String changeId, String jobId, String stage, String oldHash, String newHash,
        String method, String reason, long staleItems) {
}
