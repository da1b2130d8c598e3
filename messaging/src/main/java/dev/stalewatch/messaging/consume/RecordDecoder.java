package dev.stalewatch.messaging.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record into an event. Throwing a validation error (see
 * {@link dev.stalewatch.messaging.failure.ErrorClassifier}) sends the record to the dead-letter topic.
 */
public interface RecordDecoder<E> {

    E decode(ConsumerRecord<String, byte[]> record) throws Exception;

    /** The id used to skip redeliveries. */
    String eventId(E event);
}
