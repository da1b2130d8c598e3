package dev.stalewatch.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import dev.stalewatch.events.MessageLimits;
import dev.stalewatch.events.Topics;

/**
 * Creates the five topics and the dead-letter topics on the one-machine broker, with the record
 * size limits of docs/events.md. Idempotent. Usage: {@code LocalTopics <bootstrap> <partitions>}
 */
public final class LocalTopics {

    /** Which service consumes which topic: each consumer has its own dead-letter topic. */
    private static final Map<String, String> CONSUMERS = Map.of(
            Topics.VERSION_OBSERVED, "snapshot-service",
            Topics.VERDICTS, "snapshot-service",
            Topics.VERSION_CHANGES, "triage-service",
            Topics.CHANGE_DECISIONS, "notifier-service");

    private LocalTopics() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : Topics.ALL) {
            wanted.add(topic(topic, partitions, MessageLimits.MAX_RECORD_BYTES));
        }
        CONSUMERS.forEach((topic, service) -> wanted.add(
                topic(Topics.deadLetter(topic, service), 1, MessageLimits.MAX_DEAD_LETTER_RECORD_BYTES)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics ready: " + wanted.size() + " (" + missing.size() + " created)");
        }
    }

    private static NewTopic topic(String name, int partitions, int maxMessageBytes) {
        return new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
    }
}
