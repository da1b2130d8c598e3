package dev.stalewatch.messaging.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.EventValidationException;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.StalewatchEvent;

/**
 * Decodes and validates a Stalewatch event of one type. The record key must be the event's
 * {@code jobId/stage}: a mismatch would put the stage's events on the wrong partition's order.
 */
public final class EventRecordDecoder<E extends StalewatchEvent> implements RecordDecoder<E> {

    private final EventCodec codec;
    private final Class<E> type;

    public EventRecordDecoder(EventCodec codec, Class<E> type) {
        this.codec = codec;
        this.type = type;
    }

    @Override
    public E decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw EventValidationException.of("$", "record has no value (tombstone)");
        }
        E event = codec.decode(record.value(), type);
        String expectedKey = StageKey.format(event.jobId(), event.stage());
        if (record.key() != null && !record.key().equals(expectedKey)) {
            throw EventValidationException.of("key",
                    "record key '" + record.key() + "' does not match jobId/stage '" + expectedKey + "'");
        }
        return event;
    }

    @Override
    public String eventId(E event) {
        return event.eventId();
    }
}
