package dev.stalewatch.messaging.consume;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of one poll are done (applied in a committed transaction, skipped as a
 * redelivery, or dead-lettered). Offsets are committed only up to the first record that is
 * not done, per partition, so an interruption never skips a record. Partitions applied side by
 * side mark their records from several threads.
 */
final class PollProgress {

    private final ConsumerRecords<String, byte[]> records;
    private final Set<ConsumerRecord<String, byte[]>> done = Collections.newSetFromMap(new IdentityHashMap<>());

    PollProgress(ConsumerRecords<String, byte[]> records) {
        this.records = records;
    }

    synchronized void markDone(ConsumerRecord<String, byte[]> record) {
        done.add(record);
    }

    /** Next offset to commit per partition: one past the last record of the done prefix. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            Long next = null;
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!done.contains(record)) {
                    break;
                }
                next = record.offset() + 1;
            }
            if (next != null) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Where each partition must restart after an interruption: its first record not done. */
    synchronized Map<TopicPartition, Long> rewindPositions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!done.contains(record)) {
                    positions.put(partition, record.offset());
                    break;
                }
            }
        }
        return positions;
    }
}
