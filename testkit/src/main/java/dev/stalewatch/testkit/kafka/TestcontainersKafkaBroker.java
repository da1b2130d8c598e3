package dev.stalewatch.testkit.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The broker in a Docker container, for a developer who wants the official image. Loaded only when
 * {@code STALEWATCH_TEST_KAFKA=testcontainers}: Testcontainers is an optional dependency of testkit.
 */
final class TestcontainersKafkaBroker implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;
    private final long startMillis;

    private TestcontainersKafkaBroker(KafkaContainer container, long startMillis) {
        this.container = container;
        this.startMillis = startMillis;
    }

    static TestcontainersKafkaBroker start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(KafkaBrokerChoice.ENV
                + "=testcontainers but no Docker engine is reachable; unset it to use the in-process broker");
        }
        long started = System.currentTimeMillis();
        KafkaContainer container = new KafkaContainer(IMAGE)
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .withEnv("KAFKA_GROUP_COORDINATOR_APPEND_LINGER_MS", "0")
            .withEnv("KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS", "1000")
            .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(BrokerLimits.BROKER_MESSAGE_MAX_BYTES))
            .withEnv("KAFKA_REPLICA_FETCH_MAX_BYTES", Integer.toString(BrokerLimits.BROKER_MESSAGE_MAX_BYTES));
        container.start();
        return new TestcontainersKafkaBroker(container, System.currentTimeMillis() - started);
    }

    void stop() {
        container.stop();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Testcontainers Kafka broker (" + IMAGE + ") at " + bootstrapServers();
    }

    @Override
    public long startMillis() {
        return startMillis;
    }
}
