package dev.stalewatch.notifier.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.InjectPushoverStub;
import dev.stalewatch.notifier.support.NotifierTestResources;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.notifier.support.TestCredentials;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.testkit.stub.PushoverStub;

/** Which decisions become a push, and what the push says (digest window 0.7 s in tests). */
@QuarkusTest
@NotifierTestResources
class PushPerChangeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(2000);

    @InjectPushoverStub
    PushoverStub stub;

    @BeforeEach
    void stubAcceptsOurCredentialsOnly() {
        stub.answerNormally();
        stub.expectToken(TestCredentials.TOKEN).expectUser(TestCredentials.USER);
    }

    @Test
    void semanticLlmDecisionBecomesExactlyOnePushWithTheExpectedFieldsAndLink() {
        String job = Decisions.uniqueJob("fields");
        ChangeDecided decision = Decisions.semantic(job, "extract");

        Decisions.publish(decision);

        PushoverMessage push = PushoverInbox.awaitForJob(stub, job, 1, WAIT).get(0);
        assertEquals(TestCredentials.TOKEN, push.token());
        assertEquals(TestCredentials.USER, push.user());
        assertEquals("jobs: " + job + "/extract changed (semantic)", push.title());
        assertEquals("1200 stale items. Changed the extraction prompt wording, which changes the output.",
                push.message());
        assertEquals("http://stalewatch.test:8081/changes/" + decision.changeId(), push.url());
        assertEquals("Review change", push.urlTitle());
        assertEquals(0, push.priority());
        assertEquals(1, PushoverInbox.settledForJob(stub, job, QUIET).size());
    }

    @Test
    void fallbackVerdictIsPushedLikeAnLlmOne() {
        String job = Decisions.uniqueJob("fallback");
        Decisions.publish(Decisions.decided(job, "score", ChangeState.PENDING, Verdict.SEMANTIC, Method.FALLBACK,
                "LLM unavailable; treated as semantic."));

        assertEquals(Decisions.title(job, "score"), PushoverInbox.awaitForJob(stub, job, 1, WAIT).get(0).title());
    }

    @Test
    void cosmeticNoBaselineManualAndNonPendingDecisionsSendNothing() {
        String job = Decisions.uniqueJob("silent");
        Decisions.publish(Decisions.decided(job, "autoblessed", ChangeState.AUTO_BLESSED, Verdict.COSMETIC,
                Method.STRUCTURAL, "Only comments changed."));
        Decisions.publish(Decisions.decided(job, "nobaseline", ChangeState.PENDING, Verdict.SEMANTIC,
                Method.NO_BASELINE, "No snapshot of the old version."));
        Decisions.publish(Decisions.decided(job, "manual", ChangeState.PENDING, Verdict.SEMANTIC, Method.MANUAL,
                "Unblessed by alice."));
        Decisions.publish(Decisions.decided(job, "blessed", ChangeState.BLESSED, Verdict.SEMANTIC, Method.LLM,
                "Blessed by alice."));
        Decisions.publish(Decisions.decided(job, "triaging", ChangeState.TRIAGING, null, null, null));
        // a change that is pushed, after the others on the same job: it marks when they would have shown up
        Decisions.publish(Decisions.semantic(job, "marker"));

        PushoverInbox.awaitForJob(stub, job, 1, WAIT);
        List<PushoverMessage> pushes = PushoverInbox.settledForJob(stub, job, QUIET);
        assertEquals(1, pushes.size(), () -> "pushes: " + pushes.stream().map(PushoverMessage::title).toList());
        assertEquals(Decisions.title(job, "marker"), pushes.get(0).title());
    }

    @Test
    void theSameDecisionDeliveredThreeTimesAndPublishedAgainSendsOnePush() {
        String job = Decisions.uniqueJob("repeat");
        ChangeDecided decision = Decisions.semantic(job, "extract");

        Decisions.publish(decision);
        Decisions.publish(decision);
        Decisions.publish(decision);
        Decisions.publish(Decisions.again(decision));

        PushoverInbox.awaitForJob(stub, job, 1, WAIT);
        assertEquals(1, PushoverInbox.settledForJob(stub, job, QUIET).size());
        // and once more after it was sent
        Decisions.publish(Decisions.again(decision));
        assertEquals(1, PushoverInbox.settledForJob(stub, job, QUIET).size());
    }

    @Test
    void aTwoThousandCharacterReasonIsCutToPushoversMessageLimitWithAnEllipsis() {
        String job = Decisions.uniqueJob("long");
        String reason = "x".repeat(1990) + " the end";
        Decisions.publish(Decisions.decided(job, "extract", ChangeState.PENDING, Verdict.SEMANTIC, Method.LLM, reason));

        PushoverMessage push = PushoverInbox.awaitForJob(stub, job, 1, WAIT).get(0);
        assertEquals(1024, push.message().codePointCount(0, push.message().length()));
        assertTrue(push.message().startsWith("1200 stale items. xxx"), push.message().substring(0, 40));
        assertTrue(push.message().endsWith("…"));
    }
}
