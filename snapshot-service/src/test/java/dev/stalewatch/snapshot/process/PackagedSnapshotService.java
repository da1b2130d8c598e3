package dev.stalewatch.snapshot.process;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.process.ServiceProcess;

/** Launches the packaged snapshot-service the way production runs it, for process-level tests. */
final class PackagedSnapshotService {

    private PackagedSnapshotService() {
    }

    static ServiceProcess start(String name, TestDatabase database, String groupId) {
        return start(name, database, groupId, Map.of());
    }

    /** As {@link #start(String, TestDatabase, String)}, with more environment (e.g. STALEWATCH_API_TOKENS). */
    static ServiceProcess start(String name, TestDatabase database, String groupId, Map<String, String> env) {
        return ServiceProcess.fromModule(Path.of("."))
                .name(name)
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
                .env("STALEWATCH_SNAPSHOT_CONSUMERS_GROUP_ID", groupId)
                .systemProperty("kafka.session.timeout.ms", "6000")
                .env(env)
                .maxHeap("256m")
                .start();
    }

    private static boolean topicsCreated;

    /** Once per JVM: the broker is shared by the process tests of this module. */
    static synchronized void createTopics() {
        if (topicsCreated) {
            return;
        }
        topicsCreated = true;
        for (String topic : List.of(Topics.VERSION_OBSERVED, Topics.VERDICTS, Topics.VERSION_CHANGES,
                Topics.CHANGE_DECISIONS, Topics.RESET_REQUESTED)) {
            TestKafka.createTopic(topic, 3);
        }
        TestKafka.createTopic(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"), 1);
        TestKafka.createTopic(Topics.deadLetter(Topics.VERDICTS, "snapshot-service"), 1);
    }

    static long count(TestDatabase database, String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }
}
