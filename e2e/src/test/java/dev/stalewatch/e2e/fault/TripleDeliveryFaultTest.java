package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.stalewatch.e2e.RunningSystem;
import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.worker.VersionReporter;

/**
 * Every event on every topic reaches its consumers three times (the original and two copies right behind
 * it): each service skips an event id it has applied, so the outcome is that of one delivery, down to one
 * LLM request per change.
 */
class TripleDeliveryFaultTest {

    @Test
    void everyEventDeliveredThreeTimesToEveryConsumerHasTheEffectsOfOneDelivery() {
        try (RunningSystem system = new RunningSystem(TestKafka.bootstrapServers(),
                FaultSettings.services(TestKafka.bootstrapServers()));
                EchoRelay echo = EchoRelay.start(TestKafka.bootstrapServers(), Topics.ALL)) {
            system.llm.answerText(Answers.SEMANTIC);
            Workload workload = Workload.of("triple", 5, 4);
            Ledger ledger = new Ledger(system, workload);
            try (VersionReporter reporter = Workload.reporter(system.bootstrapServers(), "triple-worker")) {
                workload.reportOriginals(reporter);
                Ledger.await("every original version current", Duration.ofSeconds(60),
                        () -> ledger.currentStages() == workload.stages().size());
                workload.streamChanges(reporter, 2 * workload.stages().size(), 200, count -> { })
                        .forEach(VersionReporter.Report::await);
            }
            ledger.awaitSettled(Duration.ofSeconds(90));
            // copies of the last ChangeDecided may still be on their way to the notifier: wait for them too
            long copies = echo.copies();
            Ledger.await("the relay's copies settle", Duration.ofSeconds(10), () -> {
                long before = echo.copies();
                Ledger.sleep(Duration.ofSeconds(1));
                return echo.copies() == before;
            });
            System.out.printf("[fault] every event delivered 3 times: %d copies written%n", echo.copies());
            assertTrue(copies > 0, "the relay copied nothing");
            ledger.assertEachEffectOnce("every event delivered 3 times", 3L * workload.stages().size() * 3,
                    2 * workload.stages().size());
            assertEquals(workload.stages().size(), ledger.llmRequests(), "one LLM request per change");
        }
    }
}
