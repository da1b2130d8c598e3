package dev.stalewatch.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class KafkaBrokerChoiceTest {

    @Test
    void askingForTestcontainersWithoutDockerFailsAtOnceSayingSo() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here: this would start a container");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> KafkaBrokerChoice.startAndStopOnExit("testcontainers"));

        assertTrue(failure.getMessage().contains("no Docker engine"), failure.getMessage());
    }

    @Test
    void anUnknownChoiceIsRefusedRatherThanIgnored() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> KafkaBrokerChoice.startAndStopOnExit("redpanda"));

        assertTrue(failure.getMessage().contains(KafkaBrokerChoice.ENV), failure.getMessage());
    }
}
