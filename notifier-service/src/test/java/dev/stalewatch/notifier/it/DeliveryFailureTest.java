package dev.stalewatch.notifier.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.InjectPushoverStub;
import dev.stalewatch.notifier.support.NotifierTestResources;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.testkit.stub.PushoverStub;

/** Retries for an unavailable Pushover (backoff 0.1–0.5 s in tests), no retry for a refusal. */
@QuarkusTest
@NotifierTestResources
class DeliveryFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(2000);

    @InjectPushoverStub
    PushoverStub stub;

    @BeforeEach
    @AfterEach
    void normalStub() {
        stub.answerNormally();
        stub.expectToken(null).expectUser(null);
    }

    @Test
    void twoServerErrorsThenSuccessDeliversOnceOnTheThirdAttempt() {
        String job = Decisions.uniqueJob("fivehundred");
        ChangeDecided decision = Decisions.semantic(job, "extract");
        stub.failNext(2, 500);

        Decisions.publish(decision);

        PushoverInbox.awaitForJob(stub, job, 3, WAIT);
        assertEquals(3, PushoverInbox.settledForJob(stub, job, QUIET).size());
        JsonPath notification = awaitNotification(decision.changeId(), "SENT");
        assertEquals(3, notification.getInt("deliveries[0].attempts"));
    }

    @Test
    void pushoverUnreachableThenBackIsDeliveredOnceAfterItReturns() {
        String job = Decisions.uniqueJob("unreachable");
        ChangeDecided decision = Decisions.semantic(job, "extract");
        stub.dropConnections();

        Decisions.publish(decision);

        PushoverInbox.awaitForJob(stub, job, 2, WAIT);
        awaitNotification(decision.changeId(), "PENDING");
        stub.answerNormally();
        awaitNotification(decision.changeId(), "SENT");
        int requests = PushoverInbox.forJob(stub, job).size();
        assertEquals(requests, PushoverInbox.settledForJob(stub, job, QUIET).size(), "nothing after the success");
    }

    @Test
    void aRefusedUserKeyIsRecordedAsFailedWithPushoversErrorsAndNotRetried() {
        String job = Decisions.uniqueJob("refused");
        ChangeDecided decision = Decisions.semantic(job, "extract");
        stub.expectUser("uSomebodyElseEntirely0000000000");

        Decisions.publish(decision);

        PushoverInbox.awaitForJob(stub, job, 1, WAIT);
        awaitNotification(decision.changeId(), "FAILED");
        assertEquals(1, PushoverInbox.settledForJob(stub, job, QUIET).size(), "a refusal is not retried");
        given().queryParam("state", "failed").when().get("/api/notifications")
                .then().statusCode(200)
                .body("notifications.changeId", hasItem(decision.changeId()))
                .body("notifications.find { it.changeId == '" + decision.changeId() + "' }.deliveries[0].lastError",
                        equalTo("user identifier is not a valid user, group, or subscribed user key"));
    }

    @Test
    void anUnknownStateFilterIsAProblemJson400() {
        given().queryParam("state", "lost").when().get("/api/notifications")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("detail", startsWith("state must be one of"));
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"abc", "0", "1001", "99999999999", "1.5", "-1"})
    void aLimitThatIsNotAWholeNumberFromOneToOneThousandIsAProblemJson400(String limit) {
        given().queryParam("limit", limit).when().get("/api/notifications")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("detail", startsWith("limit must be"));
    }

    @Test
    void noLimitAndTheLargestLimitAreAnswered() {
        given().when().get("/api/notifications").then().statusCode(200);
        given().queryParam("limit", "1000").when().get("/api/notifications").then().statusCode(200);
    }

    private static JsonPath awaitNotification(String changeId, String state) {
        return Await.until("change " + changeId + " in state " + state, WAIT, () -> {
            JsonPath body = given().queryParam("limit", 1000).when().get("/api/notifications").then().statusCode(200)
                    .extract().jsonPath();
            Object found = body.get("notifications.find { it.changeId == '" + changeId + "' }");
            return found == null ? null : JsonPath.from(toJson(found));
        }, json -> json != null && state.equals(json.getString("state")));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
