package dev.stalewatch.notifier.client;

import java.util.List;

/**
 * A push as composed and stored: the texts are already within Pushover's limits. {@code pushId} is stable
 * across retries, so a receiver can recognise a repeat.
 */
public record OutgoingPush(long pushId, String jobId, String title, String message, String url, String urlTitle,
        List<ChangeSummary> changes) {
}
