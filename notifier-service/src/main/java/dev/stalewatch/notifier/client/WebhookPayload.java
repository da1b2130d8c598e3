package dev.stalewatch.notifier.client;

import java.util.List;

/**
 * The JSON body of the webhook channel (docs/notifier.md). {@code pushId} is the same on every retry of
 * one push, so a receiver can drop repeats.
 */
public record WebhookPayload(String type, long pushId, String jobId, String title, String message, String url,
        List<ChangeSummary> changes) {

    public static final String TYPE = "StalewatchPush";

    public static WebhookPayload of(OutgoingPush push) {
        return new WebhookPayload(TYPE, push.pushId(), push.jobId(), push.title(), push.message(), push.url(),
                push.changes());
    }
}
