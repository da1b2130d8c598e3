package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;

/**
 * Limits of what one request may carry (docs/operations.md, "Request limits"): a field over its limit
 * is a 400 problem naming it, a body over the body limit a 413 problem, and neither changes anything.
 */
@QuarkusTest
@SnapshotServiceTestResources
class RequestLimitsTest {

    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    @Inject
    DataSource dataSource;

    private final String a = StageScenario.hashOf(1);
    private final String b = StageScenario.hashOf(2);

    @Test
    void aReasonOfTwoThousandCharactersIsRecordedWholeAndOneMoreIsRefusedNamingTheReason() throws Exception {
        StageScenario s = pendingAtoB("reason-limit");
        // U+1F600 is two UTF-16 chars: the limit counts characters, not chars or bytes
        String longest = "😀".repeat(1000) + "x".repeat(1000);

        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", longest + "y")).statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("field", equalTo("reason")).body("detail", containsString("at most 2000"));
        assertEquals("PENDING", s.openChangeFrom(a).get("state"), "a refused bless decides nothing");

        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", longest)).statusCode(200)
                .body("changes[0].state", equalTo("BLESSED"));
        List<StalewatchEvent> decisions = s.eventsOn(Topics.CHANGE_DECISIONS);
        ChangeDecided blessed = (ChangeDecided) decisions.get(decisions.size() - 1);
        assertEquals(longest, blessed.reason());
    }

    @Test
    void aReasonWithANulOrAnotherControlCharacterIsRefusedNamingTheReason() throws Exception {
        StageScenario s = pendingAtoB("reason-nul");

        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", "fine\u0000really")).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"))
                .body("detail", containsString("U+0000"));
        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", "bell\u0007")).statusCode(400)
                .body("field", equalTo("reason")).body("detail", containsString("U+0007"));
        assertEquals("PENDING", s.openChangeFrom(a).get("state"));

        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", "two lines\n\tand a tab")).statusCode(200);
    }

    @Test
    void aMisshapedHashOrChangeIdIsRefusedNamingItWithoutEchoingItWhole() throws Exception {
        StageScenario s = pendingAtoB("shapes");
        String huge = "h".repeat(100_000);

        JsonPath refused = s.decide("bless", Map.of("expectedCurrentHash", huge)).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("expectedCurrentHash"))
                .extract().jsonPath();
        assertTrue(refused.getString("detail").length() < 300, refused.getString("detail"));
        s.decide("bless", Map.of("expectedCurrentHash", b, "changeId", "c/1")).statusCode(400)
                .body("field", equalTo("changeId"));
        s.decide("reset", Map.of("expectedCurrentHash", "short")).statusCode(400)
                .body("field", equalTo("expectedCurrentHash"));
        s.decide("retriage", Map.of("changeId", huge)).statusCode(400).body("field", equalTo("changeId"));
        s.decide("unbless", Map.of("oldHash", a, "newHash", "not a hash")).statusCode(400)
                .body("field", equalTo("newHash"));
        s.decide("current", Map.of("hash", "")).statusCode(400).body("field", equalTo("hash"));
        assertEquals("PENDING", s.openChangeFrom(a).get("state"));
    }

    @Test
    void aBodyOverTheBodyLimitIsA413ProblemAndDecidesNothing() throws Exception {
        StageScenario s = pendingAtoB("body-limit");
        String body = "{\"expectedCurrentHash\":\"" + b + "\",\"reason\":\"" + "r".repeat(3 * 1024 * 1024) + "\"}";

        given().auth().oauth2(StageScenario.ALICE).contentType("application/json").body(body)
                .post("/api/stages/" + s.jobId + "/" + s.stage + "/bless").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413))
                .body("maxBodyBytes", equalTo(MAX_BODY_BYTES))
                .body("detail", containsString("quarkus.http.limits.max-body-size"));

        assertEquals("PENDING", s.openChangeFrom(a).get("state"));
        s.decide("bless", Map.of("expectedCurrentHash", b, "reason", "after the big one")).statusCode(200);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "since, PT9999999999999H",
        "since, 3651d",
        "since, P-1D",
        "since, yesterday",
        "limit, abc",
        "limit, 0",
        "limit, 1001",
        "limit, 99999999999",
        "limit, 1.5",
        "cursor, not-a-cursor!",
        "cursor, bm8tc2xhc2g",
        "job, a/b",
    })
    void aBadStaleQueryParameterIsA400ProblemNamingIt(String parameter, String value) {
        given().queryParam(parameter, value).get("/api/stale").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("field", equalTo(parameter)).body("detail", containsString(parameter));
    }

    @Test
    void theLongestSinceAndTheLargestLimitAreAnswered() {
        given().queryParam("since", "P3650D").queryParam("limit", "1000").get("/api/stale").then().statusCode(200);
        given().queryParam("since", "3650d").get("/api/stale").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentStatesTheLimits() {
        JsonPath openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals(2000, openApi.getInt("components.schemas.Bless.properties.reason.maxLength"));
        Map<String, Object> bless = openApi.getMap("paths.'/api/stages/{job}/{stage}/bless'.post.responses");
        assertTrue(bless.containsKey("400") && bless.containsKey("413"), bless.keySet().toString());
        List<Map<String, Object>> parameters = openApi.getList("paths.'/api/stale'.get.parameters");
        Map<String, Object> limit = parameters.stream().filter(p -> "limit".equals(p.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(Map.of("type", "integer", "minimum", 1, "maximum", 1000, "default", 100), limit.get("schema"));
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
}
