package dev.stalewatch.messaging.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A decoded event with the record it came from (for its key, partition and offset). */
public record Delivery<E>(E event, String eventId, ConsumerRecord<String, byte[]> record) {
}
