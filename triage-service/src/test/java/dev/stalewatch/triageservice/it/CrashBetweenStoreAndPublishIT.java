package dev.stalewatch.triageservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.triageservice.support.PythonStages;
import dev.stalewatch.triageservice.support.SnapshotServiceStandIn;
import dev.stalewatch.triageservice.support.StageVersion;
import dev.stalewatch.triageservice.support.TriageScenario;

/**
 * kill -9 after the verdict is stored and before it is published: the restarted service publishes the
 * stored verdict and never asks the LLM again.
 */
class CrashBetweenStoreAndPublishIT {

    @Test
    void aVerdictStoredButNotPublishedIsPublishedAfterRestartWithoutAskingAgain() throws Exception {
        TriageProcesses.createTopics();
        TestDatabase database = TestPostgres.freshDatabase("triage_crash");
        try (AnthropicStub anthropic = AnthropicStub.start(); SnapshotServiceStandIn snapshots = new SnapshotServiceStandIn()) {
            anthropic.expectApiKey(TriageProcesses.API_KEY);
            anthropic.answerText("{\"verdict\":\"cosmetic\",\"reason\":\"Only a debug log line was added.\"}");
            String job = TriageScenario.uniqueJob("crash");
            StageVersion before = PythonStages.extract(job);
            StageVersion after = PythonStages.extractWithLogging(job);
            snapshots.put(job, "extract", before);
            snapshots.put(job, "extract", after);
            VersionChanged change = TriageScenario.change(TriageScenario.nextChangeId(), 1, job, "extract", before, after);

            ServiceProcess first = TriageProcesses.launch("triage-crash-1", database, anthropic, snapshots,
                    "triage-crash-" + UUID.randomUUID())
                    .systemProperty("stalewatch.triage.testing.pause-before-publish", "PT120S")
                    .start();
            Map<String, String> stored;
            try {
                TriageScenario.publish(change);
                TriageScenario.await("the verdict stored", Duration.ofSeconds(60),
                        () -> storedVerdict(database, change.changeId()).isPresent());
                stored = storedVerdict(database, change.changeId()).orElseThrow();
                first.kill9();
            } finally {
                first.kill9();
            }
            assertEquals(1, anthropic.received().size());
            assertEquals(0, TriageScenario.verdictsOf(job).size(), "killed before publishing");
            assertEquals(null, stored.get("published_at"));

            try (ServiceProcess second = TriageProcesses.launch("triage-crash-2", database, anthropic, snapshots,
                    "triage-crash-" + UUID.randomUUID()).start()) {
                TriageVerdict verdict = TriageScenario.awaitVerdict(job, change.changeId(), 1, Duration.ofSeconds(60));
                assertEquals(stored.get("event_id"), verdict.eventId(), "the stored verdict, not a new one");
                assertEquals(Method.LLM, verdict.method());
                assertEquals(stored.get("reason"), verdict.reason());
                assertEquals(1, anthropic.received().size(), "no new LLM request after the restart");
                TriageScenario.sleep(1500);
                assertEquals(1, TriageScenario.verdictsOf(job).size(), "published once");
                assertTrue(second.log().contains("already decided"), "the restart re-published the stored verdict");
                assertFalse(first.log().contains(TriageProcesses.API_KEY));
                assertFalse(second.log().contains(TriageProcesses.API_KEY));
            }
        }
    }

    private static Optional<Map<String, String>> storedVerdict(TestDatabase database, String changeId) {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT event_id, reason, published_at FROM triage.verdict WHERE change_id = ?")) {
            select.setString(1, changeId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Map<String, String> values = new java.util.HashMap<>();
                values.put("event_id", row.getString(1));
                values.put("reason", row.getString(2));
                values.put("published_at", row.getString(3));
                return Optional.of(values);
            }
        } catch (java.sql.SQLException e) {
            // the schema does not exist until the service's Flyway ran
            return Optional.empty();
        }
    }
}
