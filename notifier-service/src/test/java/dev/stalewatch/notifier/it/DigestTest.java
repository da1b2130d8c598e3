package dev.stalewatch.notifier.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.InjectPushoverStub;
import dev.stalewatch.notifier.support.NotifierTestResources;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.testkit.stub.PushoverStub;

/** Semantic decisions of one job within the window (0.7 s in tests) become one push naming the stages. */
@QuarkusTest
@NotifierTestResources
class DigestTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> STAGES = List.of("extract", "clean", "score", "rank", "publish");

    @InjectPushoverStub
    PushoverStub stub;

    @BeforeEach
    void normalStub() {
        stub.answerNormally();
    }

    @Test
    void fiveSemanticDecisionsOfOneJobInTheWindowSendOnePushNamingTheFiveStages() {
        String job = Decisions.uniqueJob("digest");

        Decisions.publishAll(decisionsFor(job));

        PushoverMessage push = PushoverInbox.awaitForJob(stub, job, 1, WAIT).get(0);
        assertEquals("jobs: " + job + ": 5 stages changed (semantic)", push.title());
        for (String stage : STAGES) {
            assertTrue(push.message().contains(stage), () -> stage + " missing from " + push.message());
        }
        assertTrue(push.message().contains("6000 stale items"), push.message());
        assertEquals(1, PushoverInbox.settledForJob(stub, job, Duration.ofMillis(2000)).size());
    }

    @Test
    void twoJobsInTheSameWindowGetOnePushEach() {
        String first = Decisions.uniqueJob("digestA");
        String second = Decisions.uniqueJob("digestB");
        List<ChangeDecided> decisions = new ArrayList<>(decisionsFor(first));
        decisions.addAll(decisionsFor(second));

        Decisions.publishAll(decisions);

        PushoverInbox.awaitForJob(stub, first, 1, WAIT);
        PushoverInbox.awaitForJob(stub, second, 1, WAIT);
        Duration quiet = Duration.ofMillis(2000);
        assertEquals(1, PushoverInbox.settledForJob(stub, first, quiet).size());
        assertEquals(1, PushoverInbox.forJob(stub, second).size());
        assertEquals("jobs: " + second + ": 5 stages changed (semantic)", PushoverInbox.forJob(stub, second).get(0).title());
    }

    private static List<ChangeDecided> decisionsFor(String job) {
        return STAGES.stream().map(stage -> Decisions.semantic(job, stage)).toList();
    }
}
