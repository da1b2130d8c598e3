package dev.stalewatch.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.KafkaTopics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.testkit.stub.PushoverStub;

/**
 * The three packaged services as separate processes on the real broker and PostgreSQL, the LLM and
 * Pushover stubs in front of the production HTTP clients. Started once per test class.
 */
public final class RunningSystem implements AutoCloseable {

    public static final String TOKEN = "e2e-operator-token";
    static final String API_KEY = "sk-e2e-test-key-0123456789";
    static final String PUSHOVER_TOKEN = "aE2eTokenQ7vX2mKp9LrW4sZ8nB3cD";
    static final String PUSHOVER_USER = "uE2eUserH5jN1qF6tY0eG9wR2kV7xM";
    public static final Duration DIGEST_WINDOW = Duration.ofSeconds(2);

    public final AnthropicStub llm = AnthropicStub.start().expectApiKey(API_KEY);
    public final PushoverStub pushover = PushoverStub.start().expectToken(PUSHOVER_TOKEN).expectUser(PUSHOVER_USER);
    public final TestDatabase database = TestPostgres.freshDatabase("e2e");
    public final ServiceProcess snapshot;
    public final ServiceProcess triage;
    public final ServiceProcess notifier;
    private final String bootstrapServers;
    private final Map<String, String> settings;

    RunningSystem() {
        this(TestKafka.bootstrapServers(), Map.of());
    }

    /**
     * @param settings environment laid over every service's (a variable a service does not know is ignored by
     *                 it), e.g. short backoffs for the fault tests
     */
    public RunningSystem(String bootstrapServers, Map<String, String> settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = Map.copyOf(settings);
        createTopics(bootstrapServers);
        snapshot = common(ServiceProcess.fromModule(root().resolve("snapshot-service")).name("snapshot-service"))
                .env("STALEWATCH_API_TOKENS", "e2e:" + TOKEN)
                .start();
        triage = common(ServiceProcess.fromModule(root().resolve("triage-service")).name("triage-service"))
                .env("STALEWATCH_URL", snapshot.baseUrl())
                .env("STALEWATCH_TOKEN", TOKEN)
                .env("ANTHROPIC_API_KEY", API_KEY)
                .env("STALEWATCH_LLM_BASE_URL", llm.baseUrl())
                .env("STALEWATCH_TRIAGE_LLM_TOTAL_TIMEOUT", "PT20S")
                .start();
        notifier = common(ServiceProcess.fromModule(root().resolve("notifier-service")).name("notifier-service"))
                .env("PUSHOVER_TOKEN", PUSHOVER_TOKEN)
                .env("PUSHOVER_USER", PUSHOVER_USER)
                .env("STALEWATCH_PUSHOVER_BASE_URL", pushover.baseUrl())
                .env("STALEWATCH_PUBLIC_URL", snapshot.baseUrl())
                .env("STALEWATCH_NOTIFIER_DIGEST_WINDOW", "PT" + DIGEST_WINDOW.toSeconds() + "S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_POLL_INTERVAL", "PT0.05S")
                .start();
    }

    private ServiceProcess.Builder common(ServiceProcess.Builder builder) {
        return builder
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)
                .systemProperty("kafka.session.timeout.ms", "6000")
                .env(settings)
                .maxHeap("256m");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName().toString().equals("e2e") ? here.getParent() : here;
    }

    private static void createTopics(String bootstrapServers) {
        KafkaTopics.create(bootstrapServers, 3, Topics.ALL.toArray(String[]::new));
        KafkaTopics.create(bootstrapServers, 1, Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"),
                Topics.deadLetter(Topics.VERDICTS, "snapshot-service"),
                Topics.deadLetter(Topics.VERSION_CHANGES, "triage-service"),
                Topics.deadLetter(Topics.CHANGE_DECISIONS, "notifier-service"));
    }

    public List<ServiceProcess> services() {
        return List.of(snapshot, triage, notifier);
    }

    @Override
    public void close() {
        services().forEach(ServiceProcess::close);
        llm.close();
        pushover.close();
    }
}
