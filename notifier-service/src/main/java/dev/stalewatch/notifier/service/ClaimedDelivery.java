package dev.stalewatch.notifier.service;

import java.time.Instant;

import dev.stalewatch.notifier.client.OutgoingPush;

/**
 * A delivery this worker marked SENDING. {@code attempts} counts this attempt and fences the marks that
 * follow; {@code reclaimed} says its previous sender died mid-send (the one duplicate window).
 */
public record ClaimedDelivery(long id, String channel, int attempts, Instant queuedAt, boolean reclaimed,
        OutgoingPush push) {
}
