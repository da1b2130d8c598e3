package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;

/** A person's decisions (docs/architecture.md; REST API in /q/openapi) through the REST API, with their events. */
@QuarkusTest
@SnapshotServiceTestResources
class DecisionTest {

    @Inject
    DataSource dataSource;

    private final String a = StageScenario.hashOf(1);
    private final String b = StageScenario.hashOf(2);
    private final String c = StageScenario.hashOf(3);

    @Test
    void blessNeedsATokenAndTheCurrentHashThenRecordsItsAuthorAndClearsTheStaleItems() throws Exception {
        StageScenario s = pendingAtoB("bless");

        given().contentType("application/json").body(Map.of("expectedCurrentHash", b))
                .post("/api/stages/" + s.jobId + "/" + s.stage + "/bless").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-token-at-all").contentType("application/json")
                .body(Map.of("expectedCurrentHash", b))
                .post("/api/stages/" + s.jobId + "/" + s.stage + "/bless").then().statusCode(401);
        s.decide("bless", Map.of("expectedCurrentHash", a)).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(b));

        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", "checked the prompt diff")).statusCode(200)
                .body("staleItems", equalTo(0)).body("changes[0].state", equalTo("BLESSED"));

        assertEquals(0, s.staleItems());
        List<Map<String, Object>> history = given().get("/api/stages/" + s.jobId + "/" + s.stage + "/history")
                .then().statusCode(200).extract().jsonPath().getList("changes[0].history");
        Map<String, Object> last = history.get(history.size() - 1);
        assertEquals("BLESSED", last.get("state"));
        assertEquals("alice", last.get("author"));
        assertEquals("MANUAL", last.get("method"));
        ChangeDecided blessed = lastDecision(s);
        assertEquals(ChangeState.BLESSED, blessed.state());
        assertEquals("alice", blessed.author());
    }

    @Test
    void unblessingAnAutoBlessedEdgeReopensTheChangeForAPersonAndVetoesAutoBless() throws Exception {
        StageScenario s = new StageScenario("unbless", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 40L)));
        s.publish(s.report(2, 10, Map.of(a, 40L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        String aToB = (String) s.openChangeFrom(a).get("changeId");
        s.publish(s.verdict(aToB, 1, Verdict.COSMETIC, a, b));
        StageScenario.await("auto-blessed", () -> s.stale() == null);
        long triageRequestsBefore = s.eventsOn(Topics.VERSION_CHANGES).size();

        s.decide("unbless", Map.of("oldHash", a, "newHash", b)).statusCode(200).body("staleItems", equalTo(40));

        Map<String, Object> reopened = s.openChangeFrom(a);
        assertNotNull(reopened);
        assertEquals("PENDING", reopened.get("state"));
        assertEquals("MANUAL", reopened.get("method"));
        assertEquals(triageRequestsBefore, s.eventsOn(Topics.VERSION_CHANGES).size(), "no triage for a veto");

        // The same pair reported again, then a fresh deploy that moves on and back: never auto-blessed.
        s.publish(s.report(1, 20, Map.of(a, 41L)));
        StageScenario.await("histogram applied", () -> s.staleItems() == 41);
        assertEquals("PENDING", s.openChangeFrom(a).get("state"));
        assertEquals(triageRequestsBefore, s.eventsOn(Topics.VERSION_CHANGES).size());
    }

    @Test
    void resetPublishesResetRequestedAndHoldsUntilTheOldResultsAreGone() throws Exception {
        StageScenario s = pendingAtoB("reset");

        s.decide("reset", Map.of("expectedCurrentHash", b)).statusCode(200).body("changes[0].state", equalTo("RESET"));

        List<StalewatchEvent> resets = s.eventsOn(Topics.RESET_REQUESTED);
        assertEquals(1, resets.size());
        ResetRequested reset = (ResetRequested) resets.get(0);
        assertEquals(List.of(a), reset.staleHashes());
        assertEquals(b, reset.currentHash());
        assertEquals("alice", reset.requestedBy());
        assertTrue(s.warnings().contains("reset requested, 30 still stale"), s.warnings().toString());
        long triageRequests = s.eventsOn(Topics.VERSION_CHANGES).size();

        s.publish(s.report(2, 20, Map.of(a, 12L, b, 18L)));
        StageScenario.await("recompute under way", () -> s.staleItems() == 12);
        assertTrue(s.openChanges().isEmpty(), "no new change while the reset is in force");
        assertEquals(triageRequests, s.eventsOn(Topics.VERSION_CHANGES).size(), "no new triage");
        assertTrue(s.warnings().contains("reset requested, 12 still stale"), s.warnings().toString());

        s.publish(s.histogramOnly(2, 30, Map.of(b, 30L)));
        StageScenario.await("reset complete", () -> s.stale() == null);
    }

    @Test
    void retriagePublishesTheNextAttemptAndALateVerdictOfTheFirstIsIgnored() throws Exception {
        StageScenario s = pendingAtoB("retriage");
        String changeId = (String) s.openChangeFrom(a).get("changeId");

        s.decide("retriage", Map.of("changeId", changeId)).statusCode(200)
                .body("changes[0].state", equalTo("TRIAGING"));

        List<StalewatchEvent> requests = s.eventsOn(Topics.VERSION_CHANGES);
        VersionChanged second = (VersionChanged) requests.get(requests.size() - 1);
        assertEquals(2, second.attempt());
        assertEquals(changeId, second.changeId());
        s.publish(s.verdict(changeId, 1, Verdict.COSMETIC, a, b));
        s.publish(s.verdict(changeId, 2, Verdict.SEMANTIC, a, b));
        StageScenario.await("attempt 2 decided", () -> "PENDING".equals(s.change(changeId).getString("state")));
        assertEquals(2, s.change(changeId).getInt("attempt"));
        assertEquals(0, s.count("SELECT count(*) FROM snapshot.equivalence WHERE job_id = '" + s.jobId + "'"),
                "the late attempt-1 COSMETIC verdict blessed nothing");
    }

    @Test
    void currentBackToAnOlderVersionMakesItCurrentAndStaleCountsFollow() throws Exception {
        StageScenario s = new StageScenario("rollback", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 30L)));
        s.publish(s.report(2, 10, Map.of(a, 30L, b, 5L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        assertEquals(30, s.staleItems());

        s.decide("current", Map.of("hash", a)).statusCode(200).body("currentHash", equalTo(a))
                .body("staleItems", equalTo(5));

        assertEquals(a, s.currentHash());
        assertEquals(5, s.staleItems());
        assertNotNull(s.openChangeFrom(b), "B's results are the stale ones now");
        assertEquals("IMPLIED", s.change((String) ((Map<?, ?>) given().get("/api/stages/" + s.jobId + "/" + s.stage
                + "/history").then().extract().jsonPath().getList("changes").get(0)).get("changeId"))
                .getString("state"));
        s.decide("current", Map.of("hash", c)).statusCode(404);
    }

    @Test
    void aBadDecisionBodyIsABadRequestWithAProblem() {
        StageScenario s = new StageScenario("bad", dataSource);
        s.decide("unbless", Map.of("oldHash", a)).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("changeId"));
        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body("{not json")
                .post("/api/stages/" + s.jobId + "/" + s.stage + "/bless").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private StageScenario pendingAtoB(String name) throws Exception {
        StageScenario s = new StageScenario(name, dataSource);
        s.publish(s.report(1, 0, Map.of(a, 30L)));
        s.publish(s.report(2, 10, Map.of(a, 30L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        String changeId = (String) s.openChangeFrom(a).get("changeId");
        s.publish(s.verdict(changeId, 1, Verdict.SEMANTIC, a, b));
        StageScenario.await("A->B pending", () -> "PENDING".equals(s.openChangeFrom(a).get("state")));
        return s;
    }

    private static ChangeDecided lastDecision(StageScenario s) throws Exception {
        List<StalewatchEvent> decisions = s.eventsOn(Topics.CHANGE_DECISIONS);
        return (ChangeDecided) decisions.get(decisions.size() - 1);
    }

    @SuppressWarnings("unused")
    private static final Method MANUAL = Method.MANUAL;
}
