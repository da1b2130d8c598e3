package dev.stalewatch.triageservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.triageservice.support.TriageScenario;
import dev.stalewatch.triageservice.support.TriageServiceTestResources;

/** A VersionChanged that breaks the contract goes to this service's dead-letter topic. */
@QuarkusTest
@TriageServiceTestResources
class DeadLetterTest {

    static final String DLQ = "stalewatch.version-changes.v1.triage-service.dlq";

    @Test
    void anInvalidVersionChangedIsDeadLettered() {
        String job = TriageScenario.uniqueJob("poison");
        String key = job + "/extract";
        TestKafka.produce(Topics.VERSION_CHANGES, key,
                "{\"type\":\"VersionChanged\",\"jobId\":\"broken\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        TriageScenario.await("dead letter", Duration.ofSeconds(30),
                () -> !TopicContents.withKeyPrefix(DLQ, key).isEmpty());
        List<ConsumerRecord<byte[], byte[]>> dead = TopicContents.withKeyPrefix(DLQ, key);
        assertEquals(1, dead.size());
        assertEquals(0, TriageScenario.verdictsOf(job).size());
    }
}
