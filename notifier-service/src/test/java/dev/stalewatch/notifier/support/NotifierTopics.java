package dev.stalewatch.notifier.support;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;

/** The topics notifier-service reads and writes, created once per broker (a second start finds them). */
public final class NotifierTopics {

    public static final String DECISIONS = Topics.CHANGE_DECISIONS;
    public static final String DEAD_LETTERS = Topics.deadLetter(Topics.CHANGE_DECISIONS, "notifier-service");

    private NotifierTopics() {
    }

    public static synchronized void ensure() {
        ensure(DECISIONS, 4);
        ensure(DEAD_LETTERS, 1);
    }

    private static void ensure(String topic, int partitions) {
        try {
            TestKafka.createTopic(topic, partitions);
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getCause()).contains("TopicExistsException")) {
                throw e;
            }
        }
    }
}
