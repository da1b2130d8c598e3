package dev.stalewatch.messaging.outbox;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.StalewatchEvent;

/** Turns an event into the outbox row that will publish it, keyed by its stage. */
public final class OutboxMessages {

    private OutboxMessages() {
    }

    public static OutboxMessage of(String topic, StalewatchEvent event, EventCodec codec) {
        return new OutboxMessage(topic, event.key(), event.eventId(), codec.encode(event));
    }
}
