package dev.stalewatch.notifier.process;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.stalewatch.notifier.support.NotifierTopics;
import dev.stalewatch.notifier.support.TestCredentials;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.PushoverStub;

/** The packaged notifier as a child JVM, configured through the environment as in production. */
final class NotifierProcesses {

    private NotifierProcesses() {
    }

    static String uniqueGroup() {
        return "notifier-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ServiceProcess.Builder notifier(String name, TestDatabase database, PushoverStub stub, String group,
            Duration digestWindow) {
        NotifierTopics.ensure();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        try {
            Files.deleteIfExists(log); // a log of this run only
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServiceProcess.fromModule(Path.of("."))
                .name(name)
                .logFile(log)
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
                .env("PUSHOVER_TOKEN", TestCredentials.TOKEN)
                .env("PUSHOVER_USER", TestCredentials.USER)
                .env("STALEWATCH_PUSHOVER_BASE_URL", stub.baseUrl())
                .env("STALEWATCH_PUBLIC_URL", "http://stalewatch.test:8081")
                .env("STALEWATCH_NOTIFIER_CONSUMERS_GROUP_ID", group)
                .env("STALEWATCH_NOTIFIER_DIGEST_WINDOW", digestWindow.toString())
                .env("STALEWATCH_NOTIFIER_DELIVERY_POLL_INTERVAL", "PT0.1S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_INITIAL_BACKOFF", "PT0.2S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_MAX_BACKOFF", "PT1S")
                .maxHeap("256m");
    }

    /** The process's whole log (every launch) never shows the Pushover token or user key. */
    static void assertNoCredentialsIn(ServiceProcess process) {
        String log = process.log();
        assertFalse(log.isEmpty(), "no log at " + process.logFile());
        assertFalse(log.contains(TestCredentials.TOKEN), "the Pushover token leaked into " + process.logFile());
        assertFalse(log.contains(TestCredentials.USER), "the Pushover user key leaked into " + process.logFile());
    }
}
