package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.stalewatch.e2e.RunningSystem;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.PostgresPause;
import dev.stalewatch.worker.VersionReporter;

/**
 * PostgreSQL stops answering for 30 s (every server process SIGSTOPped, connections left open) while workers
 * keep reporting and the notifier has pushes queued and in flight. Nothing may be lost or done twice, and
 * the services are ready again within their longest backoff + 5 s once it answers again.
 */
class PostgresFreezeFaultTest {

    private static final Duration FROZEN_FOR = Duration.ofSeconds(30);
    private static final int REPORTS = 1_000;

    @Test
    void postgresFrozenFor30sDuringAStreamOfReportsAndPendingDeliveriesLosesNothingAndRepeatsNothing() {
        try (RunningSystem system = new RunningSystem(TestKafka.bootstrapServers(),
                FaultSettings.services(TestKafka.bootstrapServers()))) {
            system.llm.answerText(Answers.SEMANTIC);
            system.pushover.delayAnswers(Duration.ofSeconds(1)); // a queue of pushes forms behind the first
            Workload workload = Workload.of("pgfreeze", 20, 5);
            Ledger ledger = new Ledger(system, workload);
            AtomicReference<PostgresPause> pause = new AtomicReference<>();
            AtomicInteger reportsBeforeFreeze = new AtomicInteger();
            AtomicInteger pushesBeforeFreeze = new AtomicInteger();
            AtomicLong frozenAt = new AtomicLong();
            try (VersionReporter reporter = Workload.reporter(system.bootstrapServers(), "pgfreeze-worker")) {
                workload.reportOriginals(reporter);
                Ledger.await("every original version current", Duration.ofSeconds(60),
                        () -> ledger.currentStages() == workload.stages().size());
                // 1,000 reports over 20 s; the database freezes once the first push arrived
                List<VersionReporter.Report> sent = workload.streamChanges(reporter, REPORTS, 50, count -> {
                    if (pause.get() == null && ledger.pushes() > 0) {
                        pushesBeforeFreeze.set((int) ledger.pushes());
                        reportsBeforeFreeze.set(count);
                        pause.set(PostgresPause.freeze());
                        frozenAt.set(System.nanoTime());
                    }
                });
                sent.forEach(VersionReporter.Report::await);
            }
            assertTrue(pause.get() != null, "no push arrived while the reports streamed: the freeze never happened");
            Ledger.sleep(Duration.ofNanos(Math.max(0, frozenAt.get() + FROZEN_FOR.toNanos() - System.nanoTime())));
            pause.get().resume();
            System.out.printf("[fault] PostgreSQL frozen (%d processes) for %d s after %d of %d reports and %d of %d "
                    + "pushes%n", pause.get().processes(), FROZEN_FOR.toSeconds(), reportsBeforeFreeze.get(), REPORTS,
                    pushesBeforeFreeze.get(), workload.jobs());
            assertTrue(reportsBeforeFreeze.get() < REPORTS, "the stream had ended before the freeze");
            assertTrue(pushesBeforeFreeze.get() < workload.jobs(), "no delivery was pending at the freeze");

            Recovery.awaitReady("the PostgreSQL freeze", system.services(), FaultSettings.RECOVERY_BOUND);
            ledger.awaitSettled(Duration.ofSeconds(120));
            ledger.assertEachEffectOnce("PostgreSQL frozen 30 s", REPORTS + workload.stages().size(),
                    2 * workload.stages().size());
        }
    }
}
