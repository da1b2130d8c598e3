package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.DeadLetterHeaders;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionObserved;

@QuarkusTest
@SnapshotServiceTestResources
class IngestTest {

    @Inject
    DataSource dataSource;

    @Test
    void threeWorkersDeliveredThreeTimesInAnyOrderMakeOneSnapshotOneTriageRequestAndOneDecision() throws Exception {
        StageScenario s = new StageScenario("fanin", dataSource);
        s.publish(s.report(1, 0, Map.of(StageScenario.hashOf(1), 40L)));
        StageScenario.await("version 1 current", () -> s.count("SELECT count(*) FROM snapshot.stage WHERE job_id = '"
                + s.jobId + "' AND current_hash = '" + StageScenario.hashOf(1) + "'") == 1);

        List<VersionObserved> deliveries = new ArrayList<>();
        for (int worker = 0; worker < 3; worker++) {
            VersionObserved report = s.report(2, 10 + worker, Map.of(StageScenario.hashOf(1), 40L));
            for (int delivery = 0; delivery < 3; delivery++) {
                deliveries.add(report);
            }
        }
        Collections.shuffle(deliveries, new Random(7));
        deliveries.forEach(s::publish);

        StageScenario.await("the deploy change is open", () -> s.openChanges().size() == 1);
        List<StalewatchEvent> changes = s.eventsOn(Topics.VERSION_CHANGES);
        List<StalewatchEvent> decisions = s.eventsOn(Topics.CHANGE_DECISIONS);
        assertEquals(1, changes.size(), "one triage request: " + changes);
        VersionChanged change = (VersionChanged) changes.get(0);
        assertEquals(StageScenario.hashOf(1), change.oldHash());
        assertEquals(StageScenario.hashOf(2), change.newHash());
        assertEquals(40L, change.staleItems());
        assertEquals(1, change.attempt());
        assertEquals(1, decisions.size(), "one decision per transition: " + decisions);
        assertEquals(ChangeState.TRIAGING, ((ChangeDecided) decisions.get(0)).state());
        assertEquals(2, s.count("SELECT count(*) FROM snapshot.snapshot WHERE job_id = '" + s.jobId + "'"));
    }

    @Test
    void reportsOfTheCurrentVersionRefreshItsCountsAndAnyOtherCountStillReconciles() throws Exception {
        StageScenario s = new StageScenario("refresh", dataSource);
        String v1 = StageScenario.hashOf(1);
        String v2 = StageScenario.hashOf(2);
        s.publish(s.report(1, 0, Map.of(v1, 10L)));
        s.publish(s.report(2, 5, Map.of(v1, 10L)));
        StageScenario.await("v1 -> v2 open", () -> s.openChangeFrom(v1) != null);
        long triageRequests = s.eventsOn(Topics.VERSION_CHANGES).size();

        for (int minute = 6; minute <= 8; minute++) {
            s.publish(s.report(2, minute, Map.of(v1, 10L, v2, (long) minute)));
        }
        StageScenario.await("the newest count of v2 stored", () -> s.count("SELECT coalesce(sum(items), 0) FROM snapshot.result_count"
                + " WHERE job_id = '" + s.jobId + "' AND version_hash = '" + v2 + "'") == 8);
        assertEquals(10, s.staleItems());
        assertEquals(triageRequests, s.eventsOn(Topics.VERSION_CHANGES).size(), "counting the current version asks nothing");

        s.publish(s.histogramOnly(2, 9, Map.of(v1, 4L, v2, 14L)));
        StageScenario.await("v1's new count reconciled", () -> s.staleItems() == 4);
        assertEquals(4L, ((Number) s.openChangeFrom(v1).get("staleItems")).longValue());
    }

    @Test
    void anOlderVersionReportedAfterANewerOneLeavesCurrentAndWarns() throws Exception {
        StageScenario s = new StageScenario("older", dataSource);
        String v1 = StageScenario.hashOf(1);
        String v2 = StageScenario.hashOf(2);
        s.publish(s.report(1, 0, Map.of(v1, 10L)));
        s.publish(s.report(2, 5, Map.of(v1, 10L)));
        StageScenario.await("v2 current", () -> s.openChangeFrom(v1) != null);

        s.publish(s.report(1, 20, Map.of(v1, 10L, v2, 3L)));

        StageScenario.await("warning listed", () -> s.warnings().stream()
                .anyMatch(w -> w.contains("older version " + v1 + " still reported after " + v2)));
        assertEquals(v2, s.stale().get("currentHash"));
    }

    @Test
    void aHistogramOnlyReportOfAnUnknownHashIsDeadLetteredWithTheReason() throws Exception {
        StageScenario s = new StageScenario("unknown", dataSource);
        VersionObserved report = s.histogramOnly(9, 0, Map.of(StageScenario.hashOf(9), 5L));

        s.publish(report);

        StageScenario.await("dead-lettered",
                () -> !s.recordsOn(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service")).isEmpty());
        ConsumerRecord<byte[], byte[]> dead = s.recordsOn(
                Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service")).get(0);
        String reason = new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("never reported with source"), reason);
        assertEquals(report.eventId(), ((VersionObserved) StageScenario.CODEC.decode(dead.value())).eventId());
        assertEquals(0, s.count("SELECT count(*) FROM snapshot.result_count WHERE job_id = '" + s.jobId + "'"));
    }

    @Test
    void aReportWhoseHashDoesNotMatchItsSourceIsDeadLettered() throws Exception {
        StageScenario s = new StageScenario("mismatch", dataSource);
        VersionObserved honest = s.report(1, 0, Map.of());
        VersionObserved lying = new VersionObserved(honest.eventId(), 1, honest.observedAt(), s.jobId, s.stage,
                StageScenario.hashOf(2), honest.hashAlgorithm(), "python", honest.source(), List.of(), Map.of(), "w");

        s.publish(lying);

        StageScenario.await("dead-lettered",
                () -> !s.recordsOn(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service")).isEmpty());
        String reason = new String(s.recordsOn(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service")).get(0)
                .headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("is not the stalewatch-sha256-v1 hash"), reason);
    }

    @Test
    void postedObservationIsPublishedAndApplied() throws Exception {
        StageScenario s = new StageScenario("http", dataSource);
        VersionObserved report = s.report(1, 0, Map.of(StageScenario.hashOf(1), 2L));

        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body(StageScenario.CODEC.encode(report))
                .post("/api/observations").then().statusCode(202).body("eventId", equalTo(report.eventId()));

        StageScenario.await("snapshot stored", () -> s.count(
                "SELECT count(*) FROM snapshot.snapshot WHERE job_id = '" + s.jobId + "'") == 1);
        given().get("/api/snapshots/" + s.jobId + "/" + s.stage + "/" + StageScenario.hashOf(1)).then()
                .statusCode(200).body("source.text", equalTo(StageScenario.source(1).text()));
    }

    @Test
    void postedObservationWithoutVersionHashIsABadRequestNamingTheField() {
        String body = "{\"type\":\"VersionObserved\",\"eventId\":\"6f1c0000-0000-4000-8000-000000000000\","
                + "\"schemaVersion\":1,\"observedAt\":\"2026-11-27T10:15:00Z\",\"jobId\":\"j\",\"stage\":\"s\","
                + "\"hashAlgorithm\":\"custom\",\"resultVersions\":{}}";

        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body(body).post("/api/observations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("versionHash")).body("detail", containsString("versionHash"));
    }
}
