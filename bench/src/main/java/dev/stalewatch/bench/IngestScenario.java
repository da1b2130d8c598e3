package dev.stalewatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stalewatch.bench.BenchTable.Outcome;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;

/**
 * Ingest: N VersionObserved (2 KB sources; 90 % repeats of known hashes, 10 % new) pre-loaded on the topic,
 * then snapshot-service started and timed until its group's lag is 0; against three baselines measured on the
 * same topic and rows in the same run: a bare consumer, bare batched JDBC, and a bare poll → DB → commitSync
 * pipeline.
 */
final class IngestScenario {

    static final String JOB = "bench-ingest";
    /** The variant whose every new version leaves stale results behind. */
    static final String STALE_JOB = "bench-ingest-stale";
    private static final long STALE_RESULTS = 40;
    static final String GROUP = "snapshot-service";
    private static final int VERSIONS_PER_STAGE = 10;
    private static final int REPORTS_PER_VERSION = 10;
    private static final int TX_ROWS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the bare JDBC baselines: what snapshot-service stores once per (job, stage, hash). */
    record Row(String job, String stage, String hash, String source, Instant observedAt, String worker) {
    }

    private final Stack stack;
    private final Sizes sizes;
    private final BenchTable table;
    private final List<Row> rows = new ArrayList<>();
    private final String depsJson;
    private long total;
    private double barePipelineRate;

    IngestScenario(Stack stack, Sizes sizes, BenchTable table) {
        this.stack = stack;
        this.sizes = sizes;
        this.table = table;
        try {
            this.depsJson = JSON.writeValueAsString(PythonStage.DEPS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void run() throws Exception {
        preload(JOB, false);
        double bareConsumer = bareConsumer();
        double bareJdbc = bareJdbc("bench_jdbc");
        double barePipeline = barePipeline("bench_pipeline");
        barePipelineRate = barePipeline;
        double service = snapshotService("ingest");
        String label = "ingest: " + Stats.count(total) + " VersionObserved pre-loaded (2 KB, 90 % repeats)";
        table.add(label, "(a) bare kafka-clients consumer", Stats.count(bareConsumer) + " rec/s", "", "", "",
                Outcome.INFO);
        table.add(label, "(b) bare JDBC INSERT … ON CONFLICT, 500-row tx", Stats.count(bareJdbc) + " rows/s", "",
                "", "", Outcome.INFO);
        table.add(label, "(c) bare pipeline poll → (b) → commitSync", Stats.count(barePipeline) + " rec/s", "", "",
                "", Outcome.INFO);
        table.add(label, "snapshot-service events/s until lag 0", Stats.count(service) + " ev/s",
                "(c) " + Stats.count(barePipeline) + " rec/s", Stats.ratio(service, barePipeline), "≥ 0.5 × (c)",
                Outcome.of(service >= 0.5 * barePipeline));
    }

    /**
     * The same load for another job, where each report's histogram also counts 40 results of the
     * stage's previous version: every new version leaves stale results, so each opens a change that
     * triage-service decides (stub LLM) while the ingest goes on. Reported beside the target, not
     * against it: the issue's load leaves nothing stale.
     */
    void runWithStaleResults() throws Exception {
        stack.snapshot.stop();
        long before = total;
        preload(STALE_JOB, true);
        long started = System.nanoTime();
        double service = snapshotService("ingest with stale results");
        String label = "ingest: " + Stats.count(total) + " more, each new version leaving stale results";
        table.add(label, "snapshot-service events/s until lag 0 (a change per new version)",
                Stats.count(service) + " ev/s", "(c) " + Stats.count(barePipelineRate) + " rec/s",
                Stats.ratio(service, barePipelineRate), "", Outcome.INFO);
        long[] decided = awaitChangesDecided(STALE_JOB);
        double seconds = (System.nanoTime() - started) / 1e9;
        Progress.say("all %,d changes of %s decided %.1f s after snapshot-service started", decided[0], STALE_JOB,
                seconds);
        table.add(label, "changes triaged (stub LLM) and decided: restart → last decision", String.format(
                java.util.Locale.ROOT, "%,d in %.1f s", decided[0], seconds), "", "", "", Outcome.INFO);
        total = before;
    }

    /** Waits until no change of the job is TRIAGING any more; answers {changes, still triaging}. */
    private long[] awaitChangesDecided(String job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            try (Connection c = stack.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE state = 'TRIAGING')"
                            + " FROM snapshot.change WHERE job_id = '" + job + "'")) {
                rs.next();
                long[] counts = {rs.getLong(1), rs.getLong(2)};
                if (counts[1] == 0 || System.nanoTime() > deadline) {
                    return counts;
                }
            }
            Thread.sleep(200);
        }
    }

    /** Produces the events, stage by stage interleaved: every 10th report of a stage is a new version. */
    private void preload(String job, boolean staleResults) throws Exception {
        int stages = Math.max(1, sizes.ingestEvents() / (VERSIONS_PER_STAGE * REPORTS_PER_VERSION));
        total = (long) stages * VERSIONS_PER_STAGE * REPORTS_PER_VERSION;
        EventCodec codec = new EventCodec();
        Map<String, Source> sources = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        Instant base = Instant.now().minusSeconds(3600);
        long t = System.nanoTime();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            long i = 0;
            for (int round = 0; round < VERSIONS_PER_STAGE * REPORTS_PER_VERSION; round++) {
                int version = round / REPORTS_PER_VERSION;
                for (int s = 0; s < stages; s++) {
                    String stage = String.format("s%05d", s);
                    String key = stage + "#" + version;
                    Source source = sources.computeIfAbsent(key, k -> PythonStage.version(stage, version));
                    String hash = hashes.computeIfAbsent(key, k -> PythonStage.hash(source));
                    Instant observedAt = base.plusMillis(i);
                    String worker = "worker-" + (i % 7);
                    // results accumulate between two reports: every report carries a newer histogram
                    long results = 10L + round % REPORTS_PER_VERSION;
                    Map<String, Long> histogram = staleResults && version > 0
                            ? Map.of(hashes.get(stage + "#" + (version - 1)), STALE_RESULTS, hash, results)
                            : Map.of(hash, results);
                    VersionObserved event = new VersionObserved(UUID.randomUUID().toString(), 1, observedAt, job,
                            stage, hash, VersionHash.ALGORITHM, "python", source, PythonStage.DEPS, histogram, worker);
                    byte[] value = codec.encode(event);
                    bytes += value.length;
                    producer.send(new ProducerRecord<>(Topics.VERSION_OBSERVED, job + "/" + stage, value));
                    if (!staleResults) {
                        rows.add(new Row(job, stage, hash, source.text(), observedAt, worker));
                    }
                    i++;
                }
            }
            producer.flush();
        }
        double secs = (System.nanoTime() - t) / 1e9;
        Progress.say("pre-loaded %,d VersionObserved (%d stages, avg %,d B) in %.1f s (%,.0f rec/s incl. encoding)",
                total, stages, bytes / total, secs, total / secs);
        sources.clear();
    }

    private static Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static KafkaConsumer<String, byte[]> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 3 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** (a): records/s from the first record to the last. */
    private double bareConsumer() {
        try (KafkaConsumer<String, byte[]> consumer = consumer("bench-bare-consumer-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.VERSION_OBSERVED));
            long seen = 0;
            long first = 0;
            long bytes = 0;
            while (seen < total) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    bytes += r.value().length;
                }
                seen += records.count();
            }
            double rate = seen / ((System.nanoTime() - first) / 1e9);
            Progress.say("(a) bare consumer: %,.0f rec/s (%,d MB read)", rate, bytes >> 20);
            return rate;
        }
    }

    private void createTable(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench." + table);
            s.execute("CREATE TABLE bench." + table + " (job_id TEXT NOT NULL, stage TEXT NOT NULL,"
                    + " version_hash TEXT NOT NULL, hash_algorithm TEXT NOT NULL, language TEXT NOT NULL,"
                    + " source_name TEXT NOT NULL, source_text TEXT NOT NULL, deps JSONB NOT NULL,"
                    + " first_observed_at TIMESTAMPTZ NOT NULL, worker_id TEXT,"
                    + " PRIMARY KEY (job_id, stage, version_hash))");
        }
    }

    private PreparedStatement insert(Connection c, String table) throws Exception {
        return c.prepareStatement("INSERT INTO bench." + table + " (job_id, stage, version_hash, hash_algorithm,"
                + " language, source_name, source_text, deps, first_observed_at, worker_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING");
    }

    private void bind(PreparedStatement insert, Row row) throws Exception {
        insert.setString(1, row.job());
        insert.setString(2, row.stage());
        insert.setString(3, row.hash());
        insert.setString(4, VersionHash.ALGORITHM);
        insert.setString(5, "python");
        insert.setString(6, PythonStage.function(row.stage()));
        insert.setString(7, row.source());
        insert.setString(8, depsJson);
        insert.setTimestamp(9, Timestamp.from(row.observedAt()));
        insert.setString(10, row.worker());
        insert.addBatch();
    }

    /** (b): the same rows, 500 per transaction, pgjdbc reWriteBatchedInserts. */
    private double bareJdbc(String table) throws Exception {
        try (Connection c = stack.connect()) {
            createTable(c, table);
            c.setAutoCommit(false);
            long t = System.nanoTime();
            try (PreparedStatement insert = insert(c, table)) {
                int inTx = 0;
                for (Row row : rows) {
                    bind(insert, row);
                    if (++inTx == TX_ROWS) {
                        insert.executeBatch();
                        c.commit();
                        inTx = 0;
                    }
                }
                if (inTx > 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            double rate = rows.size() / ((System.nanoTime() - t) / 1e9);
            Progress.say("(b) bare JDBC batched insert: %,.0f rows/s", rate);
            return rate;
        }
    }

    /** (c): consumer → decode → (b) per poll → commitSync after each DB commit. */
    private double barePipeline(String table) throws Exception {
        try (Connection c = stack.connect();
                KafkaConsumer<String, byte[]> consumer = consumer("bench-bare-pipeline-" + UUID.randomUUID())) {
            createTable(c, table);
            c.setAutoCommit(false);
            consumer.subscribe(List.of(Topics.VERSION_OBSERVED));
            long seen = 0;
            long first = 0;
            try (PreparedStatement insert = insert(c, table)) {
                while (seen < total) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    for (ConsumerRecord<String, byte[]> r : records) {
                        JsonNode e = JSON.readTree(r.value());
                        bind(insert, new Row(e.get("jobId").asText(), e.get("stage").asText(),
                                e.get("versionHash").asText(), e.get("source").get("text").asText(),
                                Instant.parse(e.get("observedAt").asText()), e.path("workerId").asText(null)));
                    }
                    insert.executeBatch();
                    c.commit();
                    consumer.commitSync();
                    seen += records.count();
                }
            }
            double rate = seen / ((System.nanoTime() - first) / 1e9);
            Progress.say("(c) bare pipeline: %,.0f rec/s", rate);
            return rate;
        }
    }

    /**
     * snapshot-service (stopped while the topic was loaded) starts again; events/s from the first committed
     * progress of its group to lag 0, sampled every 20 ms with the Admin API.
     */
    private double snapshotService(String name) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets();
        long endSum = ends.values().stream().mapToLong(Long::longValue).sum();
        long committedBefore = committedSum();
        Progress.say("starting snapshot-service on %,d waiting events", endSum - committedBefore);
        stack.snapshot.restart(); // returns once it is ready: the split leaves its start-up out
        CpuSplit cpu = CpuSplit.start(stack);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long firstAt = 0;
        long firstCommitted = 0;
        long lastReport = System.nanoTime();
        while (true) {
            long committed = committedSum();
            long now = System.nanoTime();
            if (firstAt == 0 && committed > committedBefore) {
                firstAt = now;
                firstCommitted = committed;
            }
            if (committed >= endSum) {
                double rate = (endSum - firstCommitted) / ((now - firstAt) / 1e9);
                Progress.say("snapshot-service: lag 0 after %.1f s: %,.0f events/s", (now - firstAt) / 1e9, rate);
                String split = cpu.describe("the " + name + ", snapshot-service ready to lag 0");
                Progress.say("  %s", split);
                table.note(name + ": " + split);
                return rate;
            }
            if (now > deadline) {
                throw new IllegalStateException("snapshot-service still has lag " + (endSum - committed)
                        + " after 10 minutes; see " + stack.snapshot.logFile());
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                Progress.say("  snapshot-service lag %,d", endSum - committed);
                lastReport = now;
            }
            Thread.sleep(20);
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        var partitions = stack.admin.describeTopics(List.of(Topics.VERSION_OBSERVED)).allTopicNames().get()
                .get(Topics.VERSION_OBSERVED).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var p : partitions) {
            request.put(new TopicPartition(Topics.VERSION_OBSERVED, p.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : stack.admin.listOffsets(request)
                .all().get().entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    private long committedSum() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = stack.admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            if (e.getKey().topic().equals(Topics.VERSION_OBSERVED) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /** Sanity: every version stored once, nothing dead-lettered silently. */
    void check() throws Exception {
        try (Connection c = stack.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM snapshot.snapshot WHERE job_id = '" + JOB + "'")) {
            rs.next();
            long snapshots = rs.getLong(1);
            long expected = total / REPORTS_PER_VERSION;
            if (snapshots != expected) {
                table.note("ingest check: " + snapshots + " snapshots stored, " + expected + " expected");
            }
        }
    }
}
