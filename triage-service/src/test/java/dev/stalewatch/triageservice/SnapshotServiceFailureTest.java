package dev.stalewatch.triageservice;

import static dev.stalewatch.triageservice.support.TriageScenario.awaitVerdict;
import static dev.stalewatch.triageservice.support.TriageScenario.change;
import static dev.stalewatch.triageservice.support.TriageScenario.publish;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.triageservice.support.PythonStages;
import dev.stalewatch.triageservice.support.SnapshotServiceStandIn;
import dev.stalewatch.triageservice.support.StageVersion;
import dev.stalewatch.triageservice.support.TriageScenario;
import dev.stalewatch.triageservice.support.TriageServiceTestResources;

/** A 5xx from snapshot-service is an infrastructure failure: no verdict, no commit, retried until it answers. */
@QuarkusTest
@TriageServiceTestResources
class SnapshotServiceFailureTest {

    SnapshotServiceStandIn snapshots;

    @Test
    void aServerErrorFromSnapshotServiceIsRetriedInsteadOfDecided() {
        String job = TriageScenario.uniqueJob("down");
        StageVersion before = PythonStages.extract(job);
        StageVersion after = PythonStages.extractReformatted(job);
        snapshots.put(job, "extract", before);
        snapshots.put(job, "extract", after);
        var failure = snapshots.failSnapshotsOf(job, 503);
        VersionChanged change = change(TriageScenario.nextChangeId(), 1, job, "extract", before, after);
        publish(change);
        try {
            TriageScenario.await("two failed reads", Duration.ofSeconds(20), () -> snapshots.snapshotReadsOf(job) >= 2);
            given().get("/q/health/ready").then().statusCode(503);
            assertEquals(0, TriageScenario.verdictsOf(job).size(), "no verdict while snapshot-service fails");
        } finally {
            snapshots.remove(failure);
        }
        assertEquals(Method.STRUCTURAL, awaitVerdict(job, change.changeId(), 1, Duration.ofSeconds(30)).method());
        TriageScenario.await("ready again", Duration.ofSeconds(10),
                () -> given().get("/q/health/ready").statusCode() == 200);
        assertTrue(snapshots.snapshotReadsOf(job) >= 3);
    }
}
