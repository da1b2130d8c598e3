package dev.stalewatch.notifier.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.InjectPushoverStub;
import dev.stalewatch.notifier.support.NotifierTestResources;
import dev.stalewatch.notifier.support.NotifierTopics;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.stub.PushoverStub;

/** An undecodable record goes to the notifier's dead-letter topic, and the decisions after it still count. */
@QuarkusTest
@NotifierTestResources
class DeadLetterTest {

    @InjectPushoverStub
    PushoverStub stub;

    @Test
    void anUndecodableRecordIsDeadLetteredAndTheNextDecisionIsStillPushed() {
        String job = Decisions.uniqueJob("poison");
        String key = job + "/extract-" + UUID.randomUUID();
        TestKafka.produce(NotifierTopics.DECISIONS, key, "{\"type\":\"ChangeDecided\",\"eventId\":".getBytes(
                StandardCharsets.UTF_8), Map.of());
        Decisions.publish(Decisions.semantic(job, "extract"));

        PushoverInbox.awaitForJob(stub, job, 1, Duration.ofSeconds(20));
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(NotifierTopics.DEAD_LETTERS, 1, Duration.ofSeconds(10));
        ConsumerRecord<byte[], byte[]> ours = dead.stream()
                .filter(r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter with key " + key));
        assertNotNull(ours.headers().lastHeader("dead-letter-reason"));
        assertEquals(NotifierTopics.DECISIONS,
                new String(ours.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
    }
}
