package dev.stalewatch.testkit.kafka;

/** The broker another class loader of this JVM started; known here only by its address. */
record SharedKafkaBroker(String bootstrapServers) implements KafkaBroker {

    @Override
    public String description() {
        return "Kafka broker shared in this JVM at " + bootstrapServers;
    }

    @Override
    public long startMillis() {
        return 0;
    }
}
