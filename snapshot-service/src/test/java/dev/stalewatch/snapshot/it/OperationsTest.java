package dev.stalewatch.snapshot.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What an operator and a client generator rely on: health, metrics, the OpenAPI document, errors. */
@QuarkusTest
@SnapshotServiceTestResources
class OperationsTest {

    @Test
    void readinessFollowsTheDatabaseNotKafkaWhileTheConsumersAreAWellnessCheck() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(not(containsString("kafka-consumers-and-outbox")))
                .body(not(containsString("Kafka connection health check")));
        given().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("kafka-consumers-and-outbox"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("worker-threads"))
                .body(containsString("outbox-relay-snapshot-service"));
    }

    @Test
    void metricsIncludeConsumedEventsAndTheOutbox() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("stalewatch_events_consumed_total"))
                .body(containsString("stalewatch_outbox_unsent"))
                .body(containsString("stalewatch_consumer_up{"))
                .body(containsString("stalewatch_changes{"));
    }

    @Test
    void openApiDescribesTheDecisionEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/stages/{job}/{stage}/bless"))
                .body(containsString("/api/stale"));
    }

    @Test
    void aBadSinceIsABadRequestWithAProblem() {
        given().queryParam("since", "yesterday").get("/api/stale").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("since"));
    }

    @Test
    void anUnknownSnapshotIsNotFound() {
        given().get("/api/snapshots/job/stage/0123456789abcdef").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
