package dev.stalewatch.messaging.consume;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of one poll (or of several polls applied together) are done (applied in a
 * committed transaction, skipped as a redelivery, or dead-lettered). Offsets are committed only up
 * to the first record that is not done, per partition, so an interruption never skips a record.
 * Parts applied side by side mark their records from several threads.
 */
final class PollProgress {

    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();
    private final Set<ConsumerRecord<String, byte[]>> done = Collections.newSetFromMap(new IdentityHashMap<>());

    PollProgress() {
    }

    PollProgress(ConsumerRecords<String, byte[]> records) {
        add(records);
    }

    /** Takes the records of a later poll too: they are applied together. */
    synchronized void add(ConsumerRecords<String, byte[]> more) {
        for (TopicPartition partition : more.partitions()) {
            records.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(more.records(partition));
        }
    }

    synchronized int size() {
        return records.values().stream().mapToInt(List::size).sum();
    }

    synchronized void markDone(ConsumerRecord<String, byte[]> record) {
        done.add(record);
    }

    /** Next offset to commit per partition: one past the last record of the done prefix. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>> partition : records.entrySet()) {
            Long next = null;
            for (ConsumerRecord<String, byte[]> record : partition.getValue()) {
                if (!done.contains(record)) {
                    break;
                }
                next = record.offset() + 1;
            }
            if (next != null) {
                offsets.put(partition.getKey(), new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Where each partition of the poll began. */
    synchronized Map<TopicPartition, Long> firstPositions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        records.forEach((partition, inOrder) -> positions.put(partition, inOrder.get(0).offset()));
        return positions;
    }

    /** Where each partition must restart after an interruption: its first record not done. */
    synchronized Map<TopicPartition, Long> rewindPositions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>> partition : records.entrySet()) {
            for (ConsumerRecord<String, byte[]> record : partition.getValue()) {
                if (!done.contains(record)) {
                    positions.put(partition.getKey(), record.offset());
                    break;
                }
            }
        }
        return positions;
    }
}
