package dev.stalewatch.triageservice.it;

import java.nio.file.Path;
import java.time.Duration;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.triageservice.support.SnapshotServiceStandIn;
import dev.stalewatch.triageservice.support.TriageTopics;

/** Launches the packaged triage-service the way production runs it: configured by the environment of docs/operations.md. */
final class TriageProcesses {

    static final String API_KEY = "sk-ant-api03-ITKEY-93b1d7c0a5e4-never-log-me";

    private TriageProcesses() {
    }

    static void createTopics() {
        TriageTopics.createUnlessPresent();
    }

    /**
     * A launch with its own consumer group: a killed member keeps its partitions for the broker's session
     * timeout (45 s, not settable through the shared consumer settings), so a restarted instance joins a
     * fresh group and, like any redelivery, reads the change again from the uncommitted offset.
     */
    static ServiceProcess.Builder launch(String name, TestDatabase database, AnthropicStub anthropic,
            SnapshotServiceStandIn snapshots, String groupId) {
        return ServiceProcess.fromModule(Path.of(System.getProperty("user.dir")))
                .name(name)
                .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("STALEWATCH_URL", snapshots.baseUrl())
                .env("STALEWATCH_TOKEN", "it-token")
                .env("STALEWATCH_LLM_PROVIDER", "anthropic")
                .env("STALEWATCH_LLM_BASE_URL", anthropic.baseUrl())
                .env("STALEWATCH_LLM_MODEL", "claude-opus-5")
                .env("ANTHROPIC_API_KEY", API_KEY)
                .systemProperty("stalewatch.triage.consumers.group-id", groupId)
                .systemProperty("stalewatch.triage.llm.total-timeout", "PT20S")
                .systemProperty("stalewatch.triage.llm.initial-backoff", "PT0.1S")
                .systemProperty("stalewatch.triage.outbox.idle-wait", "PT0.2S")
                .readyTimeout(Duration.ofSeconds(60));
    }
}
