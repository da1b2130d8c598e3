package dev.stalewatch.triageservice.support;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.TopicExistsException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;

/**
 * Creates this service's topics on the shared broker unless they exist. (The testkit's KafkaTestResource
 * refuses topics that exist, so two application configurations in one JVM cannot both name them there.)
 */
public class TriageTopics implements QuarkusTestResourceLifecycleManager {

    public static synchronized void createUnlessPresent() {
        create(3, Topics.VERSION_CHANGES);
        create(3, Topics.VERDICTS);
        create(1, Topics.deadLetter(Topics.VERSION_CHANGES, "triage-service"));
    }

    private static void create(int partitions, String topic) {
        try {
            TestKafka.createTopic(topic, partitions);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof ExecutionException ee && ee.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public Map<String, String> start() {
        createUnlessPresent();
        return Map.of();
    }

    @Override
    public void stop() {
        // topics live as long as the shared broker
    }
}
