package dev.stalewatch.triageservice;

import static dev.stalewatch.triageservice.support.TriageScenario.awaitVerdict;
import static dev.stalewatch.triageservice.support.TriageScenario.change;
import static dev.stalewatch.triageservice.support.TriageScenario.publish;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.triageservice.support.PythonStages;
import dev.stalewatch.triageservice.support.SnapshotServiceStandIn;
import dev.stalewatch.triageservice.support.StageVersion;
import dev.stalewatch.triageservice.support.TriageScenario;
import dev.stalewatch.triageservice.support.TriageServiceTestResources;

/** The verdict cache: by content, shared across jobs, both directions, never naming a job. */
@QuarkusTest
@TriageServiceTestResources
class VerdictCacheTest {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(30);

    AnthropicStub anthropic;
    SnapshotServiceStandIn snapshots;

    @BeforeEach
    void resetStub() {
        anthropic.answerNormally();
        anthropic.clearRequests();
    }

    @Test
    void theSamePairFromManyJobsAsksOnceAndTheReversedPairNeverAsks() {
        String nonce = TriageScenario.uniqueJob("pair");
        StageVersion before = PythonStages.extract(nonce);
        StageVersion after = PythonStages.extractWithLogging(nonce);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(TriageScenario.uniqueJob("shared" + i));
        }
        // the model names the job that asked; the cached reason must not carry it to the others
        anthropic.answerText("{\"verdict\":\"cosmetic\",\"reason\":\"In " + jobs.get(0) + " only a log line was added.\"}");
        List<VersionChanged> changes = new ArrayList<>();
        for (String job : jobs) {
            snapshots.put(job, "extract", before);
            snapshots.put(job, "extract", after);
            changes.add(change(TriageScenario.nextChangeId(), 1, job, "extract", before, after));
        }
        changes.forEach(TriageScenario::publish);
        for (VersionChanged c : changes) {
            TriageVerdict verdict = awaitVerdict(c.jobId(), c.changeId(), 1, VERDICT_WAIT);
            assertEquals(Verdict.COSMETIC, verdict.verdict());
            assertEquals(Method.LLM, verdict.method());
            assertFalse(verdict.reason().contains(jobs.get(0)), verdict.reason());
            assertTrue(verdict.reason().contains("this job"), verdict.reason());
        }
        assertEquals(1, anthropic.received().size(), "one LLM request for five identical pairs");

        String reverseJob = TriageScenario.uniqueJob("reverse");
        snapshots.put(reverseJob, "extract", before);
        snapshots.put(reverseJob, "extract", after);
        VersionChanged reversed = change(TriageScenario.nextChangeId(), 1, reverseJob, "extract", after, before);
        publish(reversed);
        assertEquals(Method.LLM, awaitVerdict(reverseJob, reversed.changeId(), 1, VERDICT_WAIT).method());
        assertEquals(1, anthropic.received().size(), "B->A reuses A->B");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("stalewatch_triage_cache_hits_total"), "cache hits are counted");
        assertTrue(metrics.contains("stalewatch_triage_decisions_total{method=\"LLM\",verdict=\"COSMETIC\"}"),
                "decisions are counted by method and verdict");
        assertTrue(metrics.contains("stalewatch_triage_llm_requests_total{outcome=\"answered\"}"), "LLM requests are counted");
        assertTrue(metrics.contains("stalewatch_triage_llm_latency_seconds_count"), "LLM latency is timed");
    }
}
