package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.stalewatch.e2e.RunningSystem;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.worker.VersionReporter;

/**
 * The notifier killed with SIGKILL while it sends: once exactly between Pushover accepting a push and the
 * commit that records it (the one window the notifier cannot close: that push arrives twice), and at random
 * moments of 20 deliveries (each push arrives; at most the one in flight at a kill arrives twice).
 */
class NotifierCrashFaultTest {

    private static final Duration ANSWER_DELAY = Duration.ofMillis(300);

    @Test
    void notifierKilledAfterPushoversAnswerAndBeforeTheCommitSendsThatOnePushTwice() {
        try (RunningSystem system = new RunningSystem(TestKafka.bootstrapServers(),
                FaultSettings.services(TestKafka.bootstrapServers()))) {
            system.llm.answerText(Answers.SEMANTIC);
            Workload workload = Workload.of("crash200", 1, 1);
            Ledger ledger = new Ledger(system, workload);
            AtomicLong killedAt = new AtomicLong();
            system.pushover.beforeEachAnswer(request -> {
                if (killedAt.get() == 0 && request.body().contains(workload.jobPrefix())) {
                    system.notifier.kill9(); // Pushover has the push; the notifier never hears so
                    killedAt.set(System.nanoTime());
                }
            });
            report(workload, ledger, 1);
            Ledger.await("the push that kills the notifier", Duration.ofSeconds(60), () -> killedAt.get() != 0);
            Recovery.restart("the notifier killed after the 200", system.notifier, FaultSettings.RECOVERY_BOUND);
            ledger.awaitSettled(FaultSettings.DELIVERY_LEASE.plusSeconds(60));
            List<PushoverMessage> pushes = ledger.ours();
            double resentAfter = Duration.between(pushes.get(0).raw().receivedAt(),
                    pushes.get(pushes.size() - 1).raw().receivedAt()).toMillis() / 1000.0;
            System.out.printf("[fault] notifier SIGKILLed between Pushover's 200 and the commit: %d pushes of one "
                    + "change, the second %.1f s after the first (lease %d s)%n", pushes.size(), resentAfter,
                    FaultSettings.DELIVERY_LEASE.toSeconds());
            assertEquals(2, pushes.size(), "the documented window: the push in flight is sent once more");
            assertEquals(pushes.get(0).title(), pushes.get(1).title());
        }
    }

    @Test
    void notifierKilledAtRandomMomentsOf20DeliveriesSendsEveryPushAndRepeatsAtMostOnePerKill() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (RunningSystem system = new RunningSystem(TestKafka.bootstrapServers(),
                FaultSettings.services(TestKafka.bootstrapServers()))) {
            system.llm.answerText(Answers.SEMANTIC);
            system.pushover.delayAnswers(ANSWER_DELAY);
            Workload workload = Workload.of("crashrandom", 20, 1);
            Ledger ledger = new Ledger(system, workload);
            report(workload, ledger, 3);
            Ledger.await("the first push", Duration.ofSeconds(60), () -> ledger.pushes() > 0);
            int kills = 0;
            while (kills < 3 && !ledger.settled()) {
                Ledger.sleep(Duration.ofMillis(200 + random.nextInt(2_500)));
                system.notifier.kill9();
                kills++;
                Recovery.restart("the notifier killed at random (" + kills + ")", system.notifier,
                        FaultSettings.RECOVERY_BOUND);
            }
            ledger.awaitSettled(FaultSettings.DELIVERY_LEASE.plusSeconds(90));
            Map<String, Long> pushes = ledger.pushesPerStage();
            long duplicates = pushes.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
            System.out.printf("[fault] notifier SIGKILLed %d times at random moments (seed %d) of %d deliveries: "
                    + "%d pushes, %d stages twice%n", kills, seed, workload.jobs(), ledger.pushes(), duplicates);
            assertTrue(pushes.values().stream().allMatch(n -> n >= 1), "a push was lost: " + pushes);
            assertTrue(duplicates <= kills, duplicates + " duplicates from " + kills + " kills: " + pushes);
            printDuplicateWindow(system, ledger);
        }
    }

    /** The duplicate window measured: from Pushover's answer (receipt + its delay) to the delivery recorded as sent. */
    private static void printDuplicateWindow(RunningSystem system, Ledger ledger) {
        Map<String, Instant> sentAt = ledger.sentAtByTitle();
        Map<String, Instant> lastReceipt = new HashMap<>();
        system.pushover.messages().forEach(push -> lastReceipt.put(push.title(), push.raw().receivedAt()));
        List<Long> windows = new ArrayList<>();
        sentAt.forEach((title, recorded) -> {
            Instant received = lastReceipt.get(title);
            if (received != null) {
                windows.add(Duration.between(received.plus(ANSWER_DELAY), recorded).toMillis());
            }
        });
        Collections.sort(windows);
        if (!windows.isEmpty()) {
            System.out.printf("[fault] the duplicate window, Pushover's 200 -> the delivery recorded as sent: "
                    + "p50 %d ms, max %d ms (n=%d)%n", windows.get(windows.size() / 2),
                    windows.get(windows.size() - 1), windows.size());
        }
    }

    private static void report(Workload workload, Ledger ledger, int reportsPerStage) {
        try (VersionReporter reporter = Workload.reporter(TestKafka.bootstrapServers(), "crash-worker")) {
            workload.reportOriginals(reporter);
            Ledger.await("every original version current", Duration.ofSeconds(60),
                    () -> ledger.currentStages() == workload.stages().size());
            workload.streamChanges(reporter, reportsPerStage * workload.stages().size(), 200, count -> { })
                    .forEach(VersionReporter.Report::await);
        }
    }
}
