package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.path.json.JsonPath;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;

/**
 * One stage of a job unique to the test, driven through Kafka and observed through the REST API
 * and the topics, as a worker, triage-service and a person would.
 */
final class StageScenario {

    private static final AtomicInteger JOBS = new AtomicInteger();
    static final EventCodec CODEC = new EventCodec();
    /** The test profile's token named alice (application.properties). */
    static final String ALICE = "alice-secret-token";

    final String jobId;
    final String stage = "extract";
    private final DataSource dataSource;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));

    StageScenario(String name, DataSource dataSource) {
        this.jobId = name + "-" + JOBS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.dataSource = dataSource;
    }

    /** A version of the stage's code; {@code n} makes it distinct. */
    static Source source(int n) {
        return new Source("_stage_extract", "def _stage_extract(item_key, data, stage, job):\n    return data * " + n
                + "\n");
    }

    static String hashOf(int version) {
        return VersionHash.compute("python", source(version), List.of());
    }

    /** A full report of version {@code n}, {@code minute} minutes after the scenario's start. */
    VersionObserved report(int version, int minute, Map<String, Long> histogram) {
        return new VersionObserved(UUID.randomUUID().toString(), 1, start.plus(Duration.ofMinutes(minute)), jobId,
                stage, hashOf(version), VersionHash.ALGORITHM, "python", source(version), List.of(), histogram,
                "worker-1");
    }

    VersionObserved histogramOnly(int version, int minute, Map<String, Long> histogram) {
        return new VersionObserved(UUID.randomUUID().toString(), 1, start.plus(Duration.ofMinutes(minute)), jobId,
                stage, hashOf(version), VersionHash.ALGORITHM, null, null, List.of(), histogram, "worker-1");
    }

    void publish(StalewatchEvent event) {
        String topic = event instanceof TriageVerdict ? Topics.VERDICTS : Topics.VERSION_OBSERVED;
        TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
    }

    void publishRaw(String topic, byte[] value) {
        TestKafka.produce(topic, jobId + "/" + stage, value, Map.of());
    }

    TriageVerdict verdict(String changeId, int attempt, Verdict verdict, String oldHash, String newHash) {
        return new TriageVerdict(UUID.randomUUID().toString(), 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                changeId, attempt, jobId, stage, oldHash, newHash, 0L, verdict,
                verdict == Verdict.COSMETIC ? Method.STRUCTURAL : Method.LLM, null,
                verdict == Verdict.COSMETIC ? "only comments changed" : "the prompt changed");
    }

    /** This stage's entry in GET /api/stale, or null when it is not listed. */
    Map<String, Object> stale() {
        List<Map<String, Object>> pending = given().queryParam("job", jobId).get("/api/stale").then().statusCode(200)
                .extract().jsonPath().getList("pending");
        return pending.isEmpty() ? null : pending.get(0);
    }

    long staleItems() {
        Map<String, Object> entry = stale();
        return entry == null ? 0 : ((Number) entry.get("staleItems")).longValue();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> openChanges() {
        Map<String, Object> entry = stale();
        return entry == null ? List.of() : (List<Map<String, Object>>) entry.get("changes");
    }

    @SuppressWarnings("unchecked")
    List<String> warnings() {
        Map<String, Object> entry = stale();
        return entry == null ? List.of() : (List<String>) entry.get("warnings");
    }

    /** The open change from {@code oldHash}, or null. */
    Map<String, Object> openChangeFrom(String oldHash) {
        return openChanges().stream().filter(c -> oldHash.equals(c.get("oldHash"))).findFirst().orElse(null);
    }

    /** POST a decision as alice; answers the response for its own assertions. */
    io.restassured.response.ValidatableResponse decide(String decision, Map<String, Object> body) {
        return given().auth().oauth2(ALICE).contentType("application/json").body(body)
                .post("/api/stages/" + jobId + "/" + stage + "/" + decision).then();
    }

    String currentHash() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_hash FROM snapshot.stage WHERE job_id = '" + jobId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    JsonPath change(String changeId) {
        return given().get("/api/changes/" + changeId).then().statusCode(200).extract().jsonPath();
    }

    /** Events this stage put on a topic, decoded; waits for the outbox to be drained first. */
    List<StalewatchEvent> eventsOn(String topic) throws Exception {
        awaitOutboxDrained();
        return TopicContents.withKeyPrefix(topic, jobId + "/").stream().map(StageScenario::decode).toList();
    }

    List<ConsumerRecord<byte[], byte[]>> recordsOn(String topic) {
        return TopicContents.withKeyPrefix(topic, jobId + "/");
    }

    void awaitOutboxDrained() throws Exception {
        await("outbox drained", () -> count("SELECT count(*) FROM snapshot.outbox WHERE sent_at IS NULL") == 0);
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after 30 s waiting for: " + what, last);
    }

    private static StalewatchEvent decode(ConsumerRecord<byte[], byte[]> record) {
        return CODEC.decode(record.value());
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
