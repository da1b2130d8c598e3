package dev.stalewatch.testkit.kafka;

/**
 * Record size limits shared by the test broker and the topics tests create. They mirror production:
 * a normal topic takes records up to 2 MiB, a dead-letter ({@code .dlq}) topic up to 3 MiB, so that a
 * record too big for its topic still fits, with its error headers, into the dead-letter topic.
 */
public final class BrokerLimits {

    public static final int TOPIC_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    public static final int DLQ_TOPIC_MAX_MESSAGE_BYTES = 3 * 1024 * 1024;
    /** The broker-wide ceiling sits above every topic's own limit: batch overhead must never be what refuses a record. */
    public static final int BROKER_MESSAGE_MAX_BYTES = DLQ_TOPIC_MAX_MESSAGE_BYTES + 256 * 1024;
    /** Producers in tests may send what the broker accepts, so the topic, not the client, is what refuses. */
    public static final int PRODUCER_MAX_REQUEST_BYTES = BROKER_MESSAGE_MAX_BYTES + 256 * 1024;

    public static final String DLQ_SUFFIX = ".dlq";

    private BrokerLimits() {
    }

    public static int maxMessageBytesFor(String topic) {
        return topic.endsWith(DLQ_SUFFIX) ? DLQ_TOPIC_MAX_MESSAGE_BYTES : TOPIC_MAX_MESSAGE_BYTES;
    }
}
