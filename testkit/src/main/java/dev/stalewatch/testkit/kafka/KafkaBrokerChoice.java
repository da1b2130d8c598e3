package dev.stalewatch.testkit.kafka;

/** Starts the broker the environment asks for: in-process by default (CI has no Docker). */
final class KafkaBrokerChoice {

    static final String ENV = "STALEWATCH_TEST_KAFKA";

    private KafkaBrokerChoice() {
    }

    static KafkaBroker startAndStopOnExit() {
        return startAndStopOnExit(System.getenv().getOrDefault(ENV, "in-process"));
    }

    static KafkaBroker startAndStopOnExit(String requested) {
        String choice = requested.trim();
        switch (choice) {
            case "", "in-process", "embedded" -> {
                InProcessKafkaBroker broker = InProcessKafkaBroker.start();
                onExit(broker::stop);
                return broker;
            }
            case "testcontainers" -> {
                requireTestcontainersOnClasspath();
                TestcontainersKafkaBroker broker = TestcontainersKafkaBroker.start();
                onExit(broker::stop);
                return broker;
            }
            default -> throw new IllegalStateException(
                ENV + "=" + choice + " is not understood: use 'in-process' (default) or 'testcontainers'");
        }
    }

    private static void requireTestcontainersOnClasspath() {
        try {
            Class.forName("org.testcontainers.kafka.KafkaContainer", false, KafkaBrokerChoice.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(ENV + "=testcontainers needs the test dependency "
                + "org.testcontainers:testcontainers-kafka (optional in stalewatch-testkit)", e);
        }
    }

    private static void onExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stalewatch-test-kafka-stop"));
    }
}
