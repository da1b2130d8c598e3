package dev.stalewatch.messaging.outbox;

import java.util.Objects;

/** One event waiting in the outbox: where it goes and its encoded bytes. */
public record OutboxMessage(String topic, String key, String eventId, byte[] payload) {
    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payload, "payload");
    }
}
