package dev.stalewatch.triageservice;

import static dev.stalewatch.triageservice.support.TriageScenario.awaitVerdict;
import static dev.stalewatch.triageservice.support.TriageScenario.change;
import static dev.stalewatch.triageservice.support.TriageScenario.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * a wait it asks for beyond the time bound ends in the FALLBACK verdict within the bound.
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
}
