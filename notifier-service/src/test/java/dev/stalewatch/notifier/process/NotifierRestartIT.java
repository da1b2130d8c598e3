package dev.stalewatch.notifier.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.notifier.support.TestCredentials;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.PushoverStub;

/** The packaged service restarted: what was sent stays sent, what was not yet delivered is delivered once. */
class NotifierRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void aRestartAfterSendingSendsNothingNewAndAPendingRetrySurvivesTheRestart() {
        TestDatabase database = TestPostgres.freshDatabase(NotifierRestartIT.class);
        try (PushoverStub stub = PushoverStub.start().expectToken(TestCredentials.TOKEN).expectUser(TestCredentials.USER);
                ServiceProcess service = NotifierProcesses.notifier("notifier-restart", database, stub,
                        NotifierProcesses.uniqueGroup(), Duration.ofMillis(300)).start()) {
            String sentJob = Decisions.uniqueJob("restart_sent");
            ChangeDecided sent = Decisions.semantic(sentJob, "extract");
            Decisions.publish(sent);
            PushoverInbox.awaitForJob(stub, sentJob, 1, WAIT);

            service.restart();
            Decisions.publish(sent);
            Decisions.publish(Decisions.again(sent));
            assertEquals(1, PushoverInbox.settledForJob(stub, sentJob, QUIET).size(), "no second push after restart");

            String retriedJob = Decisions.uniqueJob("restart_retried");
            stub.failWith(503);
            Decisions.publish(Decisions.semantic(retriedJob, "score"));
            PushoverInbox.awaitForJob(stub, retriedJob, 2, WAIT);
            service.stop();
            stub.answerNormally();
            int failedAttempts = PushoverInbox.forJob(stub, retriedJob).size();

            service.restart();
            Await.until("the retried push after restart", WAIT, () -> PushoverInbox.forJob(stub, retriedJob).size(),
                    n -> n > failedAttempts);
            assertEquals(failedAttempts + 1, PushoverInbox.settledForJob(stub, retriedJob, QUIET).size(),
                    "delivered exactly once after Pushover came back");

            NotifierProcesses.assertNoCredentialsIn(service);
        }
    }
}
