package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;

/** What a pipeline asks at the start of a stage: which results are valid, and which resets to act on. */
@QuarkusTest
@SnapshotServiceTestResources
class ValidityTest {

    @Inject
    DataSource dataSource;

    private final String v1 = StageScenario.hashOf(1);
    private final String v2 = StageScenario.hashOf(2);
    private final String v3 = StageScenario.hashOf(3);

    @Test
    void anAutoBlessedOlderVersionIsValidBesideTheCurrentOneAndTheTagChangesWithTheAnswer() throws Exception {
        StageScenario s = new StageScenario("valid", dataSource);
        s.publish(s.report(1, 0, Map.of(v1, 40L)));
        s.publish(s.report(2, 10, Map.of(v1, 40L)));
        StageScenario.await("v1 -> v2 open", () -> s.openChangeFrom(v1) != null);

        Response waitingResponse = validity(s);
        JsonPath waiting = waitingResponse.jsonPath();
        assertEquals(v2, waiting.getString("currentHash"));
        assertEquals(List.of(v2), waiting.getList("validHashes"));
        assertEquals("TRIAGING", state(waiting, v1));
        assertEquals(40, waiting.getInt("versions.find { it.hash == '" + v1 + "' }.results"));

        String changeId = (String) s.openChangeFrom(v1).get("changeId");
        s.publish(s.verdict(changeId, 1, Verdict.COSMETIC, v1, v2));
        StageScenario.await("auto-blessed", () -> "AUTO_BLESSED".equals(s.change(changeId).getString("state")));

        Response blessedResponse = validity(s);
        JsonPath blessed = blessedResponse.jsonPath();
        assertEquals(List.of(v2, v1), blessed.getList("validHashes"));
        assertEquals("VALID", state(blessed, v1));
        assertNotEquals(waitingResponse.header("ETag"), blessedResponse.header("ETag"));
    }

    @Test
    void anUnchangedAnswerIsA304ToItsTag() throws Exception {
        StageScenario s = new StageScenario("etag", dataSource);
        s.publish(s.report(1, 0, Map.of(v1, 3L)));
        StageScenario.await("v1 current", () -> v1.equals(s.currentHash()));
        Response first = validity(s);
        String tag = first.header("ETag");

        given().header("If-None-Match", tag).get(path(s)).then().statusCode(304).header("ETag", tag);

        s.publish(s.report(1, 1, Map.of(v1, 4L)));
        StageScenario.await("the new count is in the answer",
                () -> validity(s).jsonPath().getInt("versions[0].results") == 4);
        given().header("If-None-Match", tag).get(path(s)).then().statusCode(200);
    }

    @Test
    void aResetIsListedWithTheEventIdOfItsKafkaEventAndItsHashesAreResetRequested() throws Exception {
        StageScenario s = new StageScenario("reset", dataSource);
        s.publish(s.report(1, 0, Map.of(v1, 25L)));
        s.publish(s.report(3, 10, Map.of(v1, 25L)));
        StageScenario.await("v1 -> v3 open", () -> s.openChangeFrom(v1) != null);
        String changeId = (String) s.openChangeFrom(v1).get("changeId");
        s.publish(s.verdict(changeId, 1, Verdict.SEMANTIC, v1, v3));
        StageScenario.await("pending", () -> "PENDING".equals(s.change(changeId).getString("state")));
        assertEquals("PENDING_DECISION", state(validity(s).jsonPath(), v1));

        s.decide("reset", Map.of("expectedCurrentHash", v3)).statusCode(200);

        assertEquals("RESET_REQUESTED", state(validity(s).jsonPath(), v1));
        List<StalewatchEvent> onKafka = s.eventsOn(Topics.RESET_REQUESTED);
        assertEquals(1, onKafka.size());
        ResetRequested published = (ResetRequested) onKafka.get(0);
        JsonPath page = given().queryParam("job", s.jobId).get("/api/resets").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, page.getList("resets").size());
        assertEquals(published.eventId(), page.getString("resets[0].eventId"));
        assertEquals(List.of(v1), page.getList("resets[0].staleHashes"));
        assertEquals(v3, page.getString("resets[0].currentHash"));
        assertEquals("alice", page.getString("resets[0].requestedBy"));
        long next = page.getLong("nextAfter");
        assertEquals(page.getLong("resets[0].seq"), next);

        given().queryParam("job", s.jobId).queryParam("after", next).get("/api/resets").then().statusCode(200)
                .body("resets.size()", equalTo(0)).body("nextAfter", equalTo((int) next));
    }

    @Test
    void anUnknownStageIsA404AndBadPollParametersA400() {
        given().get("/api/stages/nojob/nostage/validity").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("job", "j").queryParam("after", "abc").get("/api/resets").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/resets").then().statusCode(400).contentType("application/problem+json");
    }

    private static String path(StageScenario s) {
        return "/api/stages/" + s.jobId + "/" + s.stage + "/validity";
    }

    private static Response validity(StageScenario s) {
        return given().get(path(s)).then().statusCode(200).extract().response();
    }

    private static String state(JsonPath answer, String hash) {
        return answer.getString("versions.find { it.hash == '" + hash + "' }.state");
    }
}
