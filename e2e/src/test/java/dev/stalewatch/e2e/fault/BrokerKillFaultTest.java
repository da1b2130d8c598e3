package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.stalewatch.e2e.RunningSystem;
import dev.stalewatch.testkit.kafka.KafkaBrokerProcess;
import dev.stalewatch.worker.VersionReporter;

/**
 * The broker is SIGKILLed in the middle of 10,000 reports and comes back 5 s later with what it had
 * written: workers' producers, the services' consumers and their outbox relays reconnect, and every
 * report, change, verdict and push exists exactly once.
 */
class BrokerKillFaultTest {

    private static final int REPORTS = 10_000;
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);

    @Test
    void brokerKilledAndRestartedDuring10000ReportsLosesNothingAndRepeatsNothing() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
                RunningSystem system = new RunningSystem(broker.bootstrapServers(),
                        FaultSettings.services(broker.bootstrapServers()))) {
            system.llm.answerText(Answers.SEMANTIC);
            Workload workload = Workload.of("brokerkill", 40, 5);
            Ledger ledger = new Ledger(system, workload);
            AtomicReference<CompletableFuture<Long>> restarted = new AtomicReference<>();
            try (VersionReporter reporter = Workload.reporter(system.bootstrapServers(), "brokerkill-worker")) {
                workload.reportOriginals(reporter);
                Ledger.await("every original version current", Duration.ofSeconds(60),
                        () -> ledger.currentStages() == workload.stages().size());
                List<VersionReporter.Report> sent = workload.streamChanges(reporter, REPORTS, 1_000, count -> {
                    if (count == REPORTS / 2) {
                        broker.kill9();
                        // reports keep coming while it is down: the workers' producers hold them
                        restarted.set(CompletableFuture.supplyAsync(() -> {
                            Ledger.sleep(DOWN_FOR);
                            broker.restart();
                            return System.nanoTime();
                        }));
                    }
                });
                long backAt = restarted.get().get();
                System.out.printf("[fault] broker SIGKILLed after %d of %d reports, back %d s later (restart took "
                        + "%d ms)%n", REPORTS / 2, REPORTS, DOWN_FOR.toSeconds(), broker.startMillis());
                Recovery.awaitReady("the broker restart", system.services(), FaultSettings.RECOVERY_BOUND);
                sent.forEach(VersionReporter.Report::await);
                assertTrue(broker.isAlive(), "the restarted broker died");
                System.out.printf("[fault] every report acknowledged %.1f s after the broker came back%n",
                        (System.nanoTime() - backAt) / 1e9);
            }
            ledger.awaitSettled(Duration.ofSeconds(180));
            ledger.assertEachEffectOnce("broker SIGKILLed and restarted", REPORTS + workload.stages().size(),
                    2 * workload.stages().size());
        }
    }
}
