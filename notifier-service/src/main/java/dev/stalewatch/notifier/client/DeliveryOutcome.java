package dev.stalewatch.notifier.client;

/** What one attempt to deliver a push on a channel came to. */
public sealed interface DeliveryOutcome {

    /** Accepted; {@code remoteId} is the receiver's request id, if it gave one. */
    record Sent(String remoteId) implements DeliveryOutcome {
    }

    /** The receiver is unavailable or overloaded (5xx, 429, connection failure): try again later. */
    record RetryLater(String reason) implements DeliveryOutcome {
    }

    /** The receiver refused this push for good (4xx, or Pushover's {@code status} ≠ 1): never retried. */
    record Rejected(String errors) implements DeliveryOutcome {
    }
}
