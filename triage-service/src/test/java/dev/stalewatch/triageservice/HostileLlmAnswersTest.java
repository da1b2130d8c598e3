package dev.stalewatch.triageservice;

import static dev.stalewatch.triageservice.support.TriageScenario.awaitVerdict;
import static dev.stalewatch.triageservice.support.TriageScenario.change;
import static dev.stalewatch.triageservice.support.TriageScenario.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import dev.stalewatch.triageservice.support.TriageStubsResource;

/**
 * No answer of the LLM API stops triage (through the production client against the testkit stub):
 * a wait it asks for beyond the time bound ends in the FALLBACK verdict within the bound, and a reason
 * with NUL or other control characters still gives a verdict, stored and published once, without
 * asking the LLM again.
 */
@QuarkusTest
@TriageServiceTestResources
class HostileLlmAnswersTest {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(30);
    private static final long BOUND_MILLIS = TriageStubsResource.LLM_BOUND_SECONDS * 1000L;

    AnthropicStub anthropic;
    SnapshotServiceStandIn snapshots;

    @BeforeEach
    void resetStub() {
        anthropic.answerNormally();
        anthropic.answerText(AnthropicStub.DEFAULT_ANSWER);
        anthropic.stopReason("end_turn");
        anthropic.clearRequests();
    }

    /** A change only the LLM can judge, with its own code pair (so no cached verdict answers it). */
    private VersionChanged loggingChange(String job) {
        StageVersion before = PythonStages.extract(job);
        StageVersion after = PythonStages.extractWithLogging(job);
        String changeId = TriageScenario.nextChangeId();
        snapshots.put(job, "extract", before);
        snapshots.put(job, "extract", after);
        snapshots.putDiff(changeId, PythonStages.diff(job));
        return change(changeId, 1, job, "extract", before, after);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "retry-after    | 99999999999",
        "retry-after-ms | 99999999999999999999",
        "retry-after-ms | 1e400",
        "retry-after    | Fri, 31 Dec 9999 23:59:59 GMT",
        "retry-after    | 5",
    })
    void aRetryAfterBeyondTheBoundEndsInTheFallbackAtOnceWithoutAnotherRequest(String header, String value) {
        anthropic.errorHeader(header, value);
        anthropic.failWith(429);
        String job = TriageScenario.uniqueJob("retry-after");
        VersionChanged change = loggingChange(job);

        long started = System.nanoTime();
        publish(change);
        TriageVerdict verdict = awaitVerdict(job, change.changeId(), 1, VERDICT_WAIT);
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("[HostileLlmAnswersTest] " + header + ": " + value + " -> " + verdict.method() + " "
                + verdict.verdict() + " after " + tookMillis + " ms (bound " + BOUND_MILLIS + " ms): "
                + verdict.reason());

        assertEquals(Method.FALLBACK, verdict.method());
        assertEquals(Verdict.SEMANTIC, verdict.verdict());
        assertNull(verdict.model());
        assertTrue(verdict.reason().contains("asked to wait") && verdict.reason().contains("HTTP 429"),
                verdict.reason());
        assertTrue(tookMillis < BOUND_MILLIS, "verdict after " + tookMillis + " ms with a " + BOUND_MILLIS
                + " ms bound");
        TriageScenario.sleep(1000);
        assertEquals(1, anthropic.received().size(), "a wait that does not fit is not waited for, nor retried");
        assertEquals(1, TriageScenario.verdictsOf(job).size(), "exactly one verdict published");
    }

    @Test
    void aRetryAfterThatFitsIsWaitedForAndTheRetryAnswers() {
        anthropic.errorHeader("retry-after-ms", "300");
        anthropic.failNext(1, 429);
        String job = TriageScenario.uniqueJob("retry-after-fits");
        VersionChanged change = loggingChange(job);
        publish(change);

        TriageVerdict verdict = awaitVerdict(job, change.changeId(), 1, VERDICT_WAIT);

        assertEquals(Method.LLM, verdict.method());
        assertEquals(2, anthropic.received().size(), "the 429, then the answer");
    }

    @Test
    void aReasonWithNulAndOtherControlCharactersIsStoredAndPublishedCleanedAfterOneRequest() {
        // JSON escapes: the reason the LLM gives holds U+0000, BEL, ESC, CR, LF and a tab
        anthropic.answerText("{\"verdict\":\"cosmetic\",\"reason\":\"Only a log\\u0000 line\\u0007 was added"
                + "\\u001b[0m.\\r\\n\\tNothing else.\"}");
        String job = TriageScenario.uniqueJob("nul");
        VersionChanged change = loggingChange(job);
        publish(change);

        TriageVerdict verdict = awaitVerdict(job, change.changeId(), 1, VERDICT_WAIT);

        String cleaned = "Only a log line was added[0m.\n\tNothing else.";
        assertEquals(Method.LLM, verdict.method());
        assertEquals(Verdict.COSMETIC, verdict.verdict());
        assertEquals(cleaned, verdict.reason());
        given().get("/api/verdicts/" + change.changeId()).then().statusCode(200)
                .body("reason", equalTo(cleaned));
        TriageScenario.sleep(1500);
        assertEquals(1, anthropic.received().size(), "the LLM was asked once: no retry loop");
        assertEquals(1, TriageScenario.verdictsOf(job).size(), "exactly one verdict published");

        // the cleaned verdict was cached: the same code pair in another job is not asked again
        String other = TriageScenario.uniqueJob("nul-again");
        StageVersion before = PythonStages.extract(job);
        StageVersion after = PythonStages.extractWithLogging(job);
        snapshots.put(other, "extract", before);
        snapshots.put(other, "extract", after);
        VersionChanged again = change(TriageScenario.nextChangeId(), 1, other, "extract", before, after);
        publish(again);
        assertEquals(cleaned, awaitVerdict(other, again.changeId(), 1, VERDICT_WAIT).reason());
        assertEquals(1, anthropic.received().size(), "answered from the cache");
    }

    @Test
    void aReasonOfNothingButControlCharactersIsNoReasonAndFallsBackAfterOneRequest() {
        anthropic.answerText("{\"verdict\":\"cosmetic\",\"reason\":\"\\u0000\\u0001\\u0000 \\u0002\"}");
        String job = TriageScenario.uniqueJob("nul-only");
        VersionChanged change = loggingChange(job);
        publish(change);

        TriageVerdict verdict = awaitVerdict(job, change.changeId(), 1, VERDICT_WAIT);

        assertEquals(Method.FALLBACK, verdict.method());
        assertEquals(Verdict.SEMANTIC, verdict.verdict());
        assertFalse(verdict.reason().isBlank());
        assertFalse(verdict.reason().contains("\u0000"), verdict.reason());
        TriageScenario.sleep(1000);
        assertEquals(1, anthropic.received().size());
        assertEquals(1, TriageScenario.verdictsOf(job).size());
    }
}
