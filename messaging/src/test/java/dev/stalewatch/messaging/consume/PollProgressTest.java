package dev.stalewatch.messaging.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PollProgressTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final ConsumerRecord<String, byte[]> a0 = record(P0, 10);
    private final ConsumerRecord<String, byte[]> b0 = record(P0, 11);
    private final ConsumerRecord<String, byte[]> c0 = record(P0, 12);
    private final ConsumerRecord<String, byte[]> a1 = record(P1, 5);

    private final PollProgress progress = new PollProgress(new ConsumerRecords<>(
            Map.of(P0, List.of(a0, b0, c0), P1, List.of(a1)), Map.of()));

    @Test
    void commitsOnlyTheDonePrefixOfEachPartition() {
        progress.markDone(a0);
        progress.markDone(c0); // done, but after b0 which is not
        progress.markDone(a1);

        assertEquals(Map.of(P0, new OffsetAndMetadata(11), P1, new OffsetAndMetadata(6)),
                progress.committableOffsets());
    }

    @Test
    void rewindsEachPartitionToItsFirstRecordNotDone() {
        progress.markDone(a0);
        progress.markDone(a1);

        assertEquals(Map.of(P0, 11L), progress.rewindPositions());
    }

    @Test
    void nothingDoneMeansNothingToCommitAndFullRewind() {
        assertEquals(Map.of(), progress.committableOffsets());
        assertEquals(Map.of(P0, 10L, P1, 5L), progress.rewindPositions());
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition p, long offset) {
        return new ConsumerRecord<>(p.topic(), p.partition(), offset, "k", new byte[0]);
    }
}
