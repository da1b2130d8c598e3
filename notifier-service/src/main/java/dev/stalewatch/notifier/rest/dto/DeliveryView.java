package dev.stalewatch.notifier.rest.dto;

import java.time.Instant;

/** One channel's delivery of a push; {@code lastError} holds Pushover's {@code errors} text on a refusal. */
public record DeliveryView(String channel, String state, int attempts, String lastError, Instant nextAttemptAt,
        Instant sentAt) {
}
