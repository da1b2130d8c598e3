package dev.stalewatch.triageservice;

import static dev.stalewatch.triageservice.support.TriageScenario.awaitVerdict;
import static dev.stalewatch.triageservice.support.TriageScenario.change;
import static dev.stalewatch.triageservice.support.TriageScenario.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Dep;
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

/** What is decided without the LLM: structural proofs, identical text, a missing baseline. */
@QuarkusTest
@TriageServiceTestResources
class OfflineTriageTest {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(30);

    AnthropicStub anthropic;
    SnapshotServiceStandIn snapshots;

    @BeforeEach
    void resetStub() {
        anthropic.answerNormally();
        anthropic.answerText(AnthropicStub.DEFAULT_ANSWER);
        anthropic.clearRequests();
    }

    private TriageVerdict triage(String job, StageVersion before, StageVersion after, boolean storeOld) {
        if (storeOld) {
            snapshots.put(job, "extract", before);
        }
        snapshots.put(job, "extract", after);
        VersionChanged change = change(TriageScenario.nextChangeId(), 1, job, "extract", before, after);
        publish(change);
        return awaitVerdict(job, change.changeId(), 1, VERDICT_WAIT);
    }

    @Test
    void aCommentAndReformatOnlyChangeIsStructurallyCosmeticWithoutAnyLlmRequest() {
        String job = TriageScenario.uniqueJob("reformat");
        TriageVerdict verdict = triage(job, PythonStages.extract(job), PythonStages.extractReformatted(job), true);

        assertEquals(Verdict.COSMETIC, verdict.verdict());
        assertEquals(Method.STRUCTURAL, verdict.method());
        assertEquals(0, anthropic.received().size());
    }

    @Test
    void aDocstringOnlyChangeIsStructurallyCosmeticWithoutAnyLlmRequest() {
        String job = TriageScenario.uniqueJob("docstring");
        StageVersion before = PythonStages.extract(job);
        StageVersion after = StageVersion.python(PythonStages.FUNCTION, before.source().text().replace(
                "job):\n", "job):\n    \"\"\"Extract the ideas of one transcript.\"\"\"\n"),
                before.deps().toArray(new Dep[0]));
        TriageVerdict verdict = triage(job, before, after, true);

        assertEquals(Verdict.COSMETIC, verdict.verdict());
        assertEquals(Method.STRUCTURAL, verdict.method());
        assertEquals("only docstrings changed", verdict.reason());
        assertEquals(0, anthropic.received().size());
    }

    @Test
    void aDocstringTypeHintAndRenameOnlyChangeIsStructurallyCosmeticWithItsRulesNamedAndNoLlmRequest() {
        String job = TriageScenario.uniqueJob("documented");
        TriageVerdict verdict = triage(job, PythonStages.extract(job), PythonStages.extractDocumented(job), true);

        assertEquals(Verdict.COSMETIC, verdict.verdict());
        assertEquals(Method.STRUCTURAL, verdict.method());
        assertEquals("only docstrings and type annotations changed, and local names renamed: text → cleaned",
                verdict.reason());
        assertEquals(0, anthropic.received().size());
    }

    @Test
    void identicalTextUnderStalewatchHashesIsIdentical() {
        String job = TriageScenario.uniqueJob("identical");
        StageVersion before = PythonStages.extract(job);
        StageVersion after = before.withHash(before.hash().substring(0, 60) + "0000", before.hashAlgorithm());
        TriageVerdict verdict = triage(job, before, after, true);

        assertEquals(Verdict.COSMETIC, verdict.verdict());
        assertEquals(Method.IDENTICAL, verdict.method());
        assertEquals(0, anthropic.received().size());
    }

    @Test
    void identicalTextUnderDifferentForeignHashesMeansTheSnapshotIsIncomplete() {
        String job = TriageScenario.uniqueJob("foreign");
        StageVersion source = PythonStages.extract(job);
        StageVersion before = source.withHash("gitsha-1111aaaa", "git-blob-sha1");
        StageVersion after = source.withHash("gitsha-2222bbbb", "git-blob-sha1");
        TriageVerdict verdict = triage(job, before, after, true);

        assertEquals(Verdict.SEMANTIC, verdict.verdict());
        assertEquals(Method.FALLBACK, verdict.method());
        assertTrue(verdict.reason().contains("snapshot incomplete"), verdict.reason());
        assertEquals(0, anthropic.received().size());
    }

    @Test
    void noSnapshotOfTheOldVersionIsNoBaseline() {
        String job = TriageScenario.uniqueJob("nobaseline");
        TriageVerdict verdict = triage(job, PythonStages.extract(job), PythonStages.extractWithLogging(job), false);

        assertEquals(Verdict.SEMANTIC, verdict.verdict());
        assertEquals(Method.NO_BASELINE, verdict.method());
        assertTrue(verdict.reason().contains("no snapshot of the old version"), verdict.reason());
        assertEquals(0, anthropic.received().size());

        given().get("/api/verdicts/" + verdict.changeId()).then().statusCode(200)
                .body("method", equalTo("NO_BASELINE")).body("eventId", equalTo(verdict.eventId()));
        given().get("/api/verdicts/c-unknown").then().statusCode(404).contentType("application/problem+json");
    }
}
