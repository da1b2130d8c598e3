package dev.stalewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.testkit.stub.PushoverStub;

/**
 * The local stack the bench measures: the in-process KRaft broker and embedded PostgreSQL of testkit, the LLM
 * and Pushover stubs, and the three packaged services as child JVMs with the flags {@code ./stalewatch} uses.
 */
final class Stack implements AutoCloseable {

    static final String TOKEN = "bench-operator-token";
    static final String API_KEY = "sk-bench-key-0123456789";
    static final String PUSHOVER_TOKEN = "aBenchTokenQ7vX2mKp9LrW4sZ8nB3c";
    static final String PUSHOVER_USER = "uBenchUserH5jN1qF6tY0eG9wR2kV7x";
    static final String SEMANTIC_ANSWER = "{\"verdict\":\"semantic\",\"reason\":\"the sampling temperature changed\"}";
    /**
     * The JVM flags ./stalewatch gives every service (besides -Xmx256m and {@link #compileThresholdScaling});
     * BENCH_JVM_FLAGS replaces them all, to measure others.
     */
    static final List<String> SERVICE_JVM_FLAGS = System.getenv("BENCH_JVM_FLAGS") != null
            ? List.of(System.getenv("BENCH_JVM_FLAGS").trim().split("\\s+"))
            : List.of("-Xms64m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=50",
                    "-XX:TieredStopAtLevel=1");

    /** As ./stalewatch: triage-service, whose per-change code is the most, compiles it soonest. */
    static String compileThresholdScaling(String name) {
        return name.equals("triage-service") ? "0.1" : "0.25";
    }
    static final String MAX_HEAP = "256m";

    final Path root;
    final Path logs;
    final AnthropicStub llm;
    final PushoverStub pushover;
    final TestDatabase database;
    final Admin admin;
    ServiceProcess snapshot;
    ServiceProcess triage;
    ServiceProcess notifier;
    /** Process start to /q/health/ready UP, per service, measured at the first start. */
    final Map<String, Long> readyMillis = new LinkedHashMap<>();

    Stack(Path root) {
        this.root = root;
        this.logs = root.resolve("bench/target/bench-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t = System.nanoTime();
        String bootstrap = TestKafka.bootstrapServers();
        Progress.say("kafka broker up (%d ms)", (System.nanoTime() - t) / 1_000_000);
        t = System.nanoTime();
        database = TestPostgres.freshDatabase("bench");
        Progress.say("postgresql up, database %s (%d ms)", database.name(), (System.nanoTime() - t) / 1_000_000);
        llm = AnthropicStub.start().expectApiKey(API_KEY).answerText(SEMANTIC_ANSWER);
        pushover = PushoverStub.start().expectToken(PUSHOVER_TOKEN).expectUser(PUSHOVER_USER);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
        createTopics();
    }

    private static void createTopics() {
        for (String topic : Topics.ALL) {
            TestKafka.createTopic(topic, 3);
        }
        TestKafka.createTopics(1, Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"),
                Topics.deadLetter(Topics.VERDICTS, "snapshot-service"),
                Topics.deadLetter(Topics.VERSION_CHANGES, "triage-service"),
                Topics.deadLetter(Topics.CHANGE_DECISIONS, "notifier-service"));
    }

    /** Settings every launched JVM shares: the stack's heap limit and flags, a log file under bench/target. */
    ServiceProcess.Builder jvm(ServiceProcess.Builder builder, String name) {
        builder.name(name).maxHeap(MAX_HEAP).logFile(logs.resolve(name + ".log"));
        SERVICE_JVM_FLAGS.forEach(builder::jvmArg);
        if (System.getenv("BENCH_JVM_FLAGS") == null) {
            builder.jvmArg("-XX:CompileThresholdScaling=" + compileThresholdScaling(name));
        }
        return builder;
    }

    private ServiceProcess.Builder service(String module) {
        ServiceProcess.Builder builder = jvm(ServiceProcess.fromModule(root.resolve(module)), module);
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && (jfr.equals("all") || List.of(jfr.split(",")).contains(module))) {
            // BENCH_JFR=snapshot-service,… (or all): a JFR recording of the service, written when it stops;
            // BENCH_JFC=FILE.jfc: other JFR settings than "profile" (e.g. every socket read)
            builder.jvmArg("-XX:FlightRecorderOptions:stackdepth=256")
                    .jvmArg("-XX:StartFlightRecording=settings=" + System.getenv().getOrDefault("BENCH_JFC", "profile")
                            + ",dumponexit=true,filename=" + logs.resolve(module + ".jfr"));
        }
        return builder
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
                .systemProperty("kafka.session.timeout.ms", "6000");
    }

    void startServices() {
        snapshot = timed("snapshot-service", service("snapshot-service")
                .env("STALEWATCH_API_TOKENS", "bench:" + TOKEN));
        triage = timed("triage-service", service("triage-service")
                .env("STALEWATCH_URL", snapshot.baseUrl())
                .env("STALEWATCH_TOKEN", TOKEN)
                .env("ANTHROPIC_API_KEY", API_KEY)
                .env("STALEWATCH_LLM_BASE_URL", llm.baseUrl())
                .env("STALEWATCH_TRIAGE_LLM_TOTAL_TIMEOUT", "PT20S"));
        notifier = timed("notifier-service", service("notifier-service")
                .env("PUSHOVER_TOKEN", PUSHOVER_TOKEN)
                .env("PUSHOVER_USER", PUSHOVER_USER)
                .env("STALEWATCH_PUSHOVER_BASE_URL", pushover.baseUrl())
                .env("STALEWATCH_PUBLIC_URL", snapshot.baseUrl())
                .env("STALEWATCH_NOTIFIER_DIGEST_WINDOW", "PT0S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_POLL_INTERVAL", "PT0.05S"));
    }

    private ServiceProcess timed(String name, ServiceProcess.Builder builder) {
        long t = System.nanoTime();
        ServiceProcess process = builder.start();
        long ms = (System.nanoTime() - t) / 1_000_000;
        readyMillis.put(name, ms);
        Progress.say("%s ready in %d ms (pid %d)", name, ms, process.pid());
        return process;
    }

    List<ServiceProcess> services() {
        return List.of(snapshot, triage, notifier);
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", database.user(), database.password());
        return c;
    }

    /** VmRSS of a process in KiB, from /proc. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        for (ServiceProcess s : new ServiceProcess[] {notifier, triage, snapshot}) {
            if (s != null) {
                s.close();
            }
        }
        llm.close();
        pushover.close();
        admin.close();
    }
}
