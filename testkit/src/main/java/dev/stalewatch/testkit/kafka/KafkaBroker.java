package dev.stalewatch.testkit.kafka;

/** A running Kafka broker the tests of this JVM share. */
public interface KafkaBroker {

    String bootstrapServers();

    /** Which kind of broker this is, for log lines and failure messages. */
    String description();

    long startMillis();
}
