package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.DeadLetterHeaders;
import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;

/**
 * Records that no store can hold (U+0000 in a text, a time beyond any calendar the database knows) are
 * dead-lettered with their reason, the good record behind each is applied, and readiness stays UP; over
 * HTTP they are a 400 naming the field.
 */
@QuarkusTest
@SnapshotServiceTestResources
class RecordsNoStoreCanHoldTest {

    private static final String OBSERVED_DLQ = Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service");
    private static final String VERDICTS_DLQ = Topics.deadLetter(Topics.VERDICTS, "snapshot-service");

    @Inject
    DataSource dataSource;

    @Test
    void aReportWithNulInItsSourceTextIsDeadLetteredAndTheGoodReportBehindItIsApplied() throws Exception {
        StageScenario s = new StageScenario("nul-source", dataSource);
        s.publishRaw(Topics.VERSION_OBSERVED, withEscapedNul(s.report(1, 0, Map.of()), "return data", "return\\u0000data"));
        s.publish(s.report(2, 1, Map.of()));

        assertDeadLetteredNaming(s, OBSERVED_DLQ, "source.text");
        StageScenario.await("the good report applied", () -> StageScenario.hashOf(2).equals(s.currentHash()));
        assertReady();
    }

    @Test
    void aReportWithNulInADepIsDeadLetteredAndTheGoodReportBehindItIsApplied() throws Exception {
        StageScenario s = new StageScenario("nul-dep", dataSource);
        VersionObserved withDep = withDep(s.report(1, 0, Map.of()), "PROMPT", "say <nul> twice");
        s.publishRaw(Topics.VERSION_OBSERVED, withEscapedNul(withDep, "<nul>", "\\u0000"));
        s.publish(s.report(2, 1, Map.of()));

        assertDeadLetteredNaming(s, OBSERVED_DLQ, "deps[0].text");
        StageScenario.await("the good report applied", () -> StageScenario.hashOf(2).equals(s.currentHash()));
        assertReady();
    }

    @Test
    void aHistogramOnlyReportFromYear300000000IsDeadLetteredAndTheGoodReportBehindItIsApplied() throws Exception {
        StageScenario s = new StageScenario("far-future", dataSource);
        s.publish(s.report(1, 0, Map.of(StageScenario.hashOf(1), 5L)));
        StageScenario.await("version 1 current", () -> StageScenario.hashOf(1).equals(s.currentHash()));
        VersionObserved histogramOnly = s.histogramOnly(1, 1, Map.of(StageScenario.hashOf(1), 6L));
        String json = StageScenario.text(StageScenario.CODEC.encode(histogramOnly))
                .replace(histogramOnly.observedAt().toString(), "+300000000-01-01T00:00:00Z");
        s.publishRaw(Topics.VERSION_OBSERVED, json.getBytes(StandardCharsets.UTF_8));
        s.publish(s.histogramOnly(1, 2, Map.of(StageScenario.hashOf(1), 7L)));

        assertDeadLetteredNaming(s, OBSERVED_DLQ, "observedAt");
        StageScenario.await("the good histogram applied", () -> s.count("SELECT coalesce(sum(items), 0) FROM snapshot.result_count"
                + " WHERE job_id = '" + s.jobId + "' AND version_hash = '" + StageScenario.hashOf(1) + "'") == 7);
        assertReady();
    }

    @Test
    void aVerdictWithNulInItsReasonIsDeadLetteredAndTheGoodVerdictBehindItIsApplied() throws Exception {
        StageScenario s = new StageScenario("nul-verdict", dataSource);
        String a = StageScenario.hashOf(1);
        String b = StageScenario.hashOf(2);
        s.publish(s.report(1, 0, Map.of(a, 30L)));
        s.publish(s.report(2, 10, Map.of(a, 30L)));
        StageScenario.await("change open", () -> s.openChangeFrom(a) != null);
        String changeId = (String) s.openChangeFrom(a).get("changeId");
        TriageVerdict bad = s.verdict(changeId, 1, Verdict.COSMETIC, a, b);
        s.publishRaw(Topics.VERDICTS, StageScenario.text(StageScenario.CODEC.encode(bad))
                .replace(bad.reason(), "only\\u0000comments").getBytes(StandardCharsets.UTF_8));
        s.publish(s.verdict(changeId, 1, Verdict.SEMANTIC, a, b));

        assertDeadLetteredNaming(s, VERDICTS_DLQ, "reason");
        StageScenario.await("the good verdict applied", () -> "PENDING".equals(s.change(changeId).getString("state")));
        assertEquals("SEMANTIC", s.change(changeId).getString("verdict"));
        assertReady();
    }

    @Test
    void aWorkerWhoseClockIsAheadDoesNotFreezeTheCurrentVersion() throws Exception {
        StageScenario s = new StageScenario("clock-ahead", dataSource);
        VersionObserved v1 = s.report(1, 0, Map.of());
        s.publish(v1.withObservedAt(Instant.now().plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MILLIS)));
        StageScenario.await("version 1 current", () -> StageScenario.hashOf(1).equals(s.currentHash()));

        VersionObserved v2 = s.report(2, 0, Map.of(StageScenario.hashOf(1), 3L));
        s.publish(v2.withObservedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        StageScenario.await("the newer version current", () -> StageScenario.hashOf(2).equals(s.currentHash()));
        assertTrue(s.count("SELECT count(*) FROM snapshot.snapshot WHERE job_id = '" + s.jobId
                + "' AND first_observed_at > now() + interval '1 hour'") == 0, "no snapshot dated in the future");
    }

    @Test
    void postedObservationWithNulIsABadRequestNamingTheField() {
        StageScenario s = new StageScenario("http-nul", dataSource);
        byte[] body = withEscapedNul(s.report(1, 0, Map.of()), "return data", "return\\u0000data");

        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body(body).post("/api/observations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("source.text")).body("detail", containsString("U+0000"));
    }

    @Test
    void postedObservationFromYear300000000IsABadRequestNamingObservedAt() {
        StageScenario s = new StageScenario("http-future", dataSource);
        VersionObserved report = s.report(1, 0, Map.of());
        String body = StageScenario.text(StageScenario.CODEC.encode(report))
                .replace(report.observedAt().toString(), "+300000000-01-01T00:00:00Z");

        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body(body).post("/api/observations")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("observedAt"));
    }

    private static byte[] withEscapedNul(VersionObserved report, String find, String replacement) {
        String json = StageScenario.text(StageScenario.CODEC.encode(report));
        assertTrue(json.contains(find), json);
        return json.replace(find, replacement).getBytes(StandardCharsets.UTF_8);
    }

    private static VersionObserved withDep(VersionObserved r, String name, String text) {
        List<Dep> deps = List.of(Dep.text(name, text));
        return new VersionObserved(r.eventId(), 1, r.observedAt(), r.jobId(), r.stage(),
                VersionHash.compute("python", r.source(), deps), r.hashAlgorithm(), r.language(), r.source(), deps,
                r.resultVersions(), r.workerId());
    }

    private static void assertDeadLetteredNaming(StageScenario s, String topic, String field) throws Exception {
        StageScenario.await("dead-lettered on " + topic, () -> !s.recordsOn(topic).isEmpty());
        List<ConsumerRecord<byte[], byte[]>> dead = s.recordsOn(topic);
        assertEquals(1, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains(field), "the reason names " + field + ": " + reason);
    }

    private static void assertReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
