package dev.stalewatch.triageservice.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;

/** Publishes VersionChanged like snapshot-service does, and reads back the verdicts of one job. */
public final class TriageScenario {

    private static final EventCodec CODEC = new EventCodec();
    private static final AtomicInteger CHANGE_IDS = new AtomicInteger();

    private TriageScenario() {
    }

    /** A job name no other test uses. */
    public static String uniqueJob(String hint) {
        return hint + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String nextChangeId() {
        return "c-" + UUID.randomUUID().toString().substring(0, 6) + "-" + CHANGE_IDS.incrementAndGet();
    }

    public static VersionChanged change(String changeId, int attempt, String job, String stage, StageVersion from,
            StageVersion to) {
        return VersionChanged.create(changeId, attempt, job, stage, from.hash(), to.hash(), 120);
    }

    public static void publish(VersionChanged change) {
        TestKafka.produce(Topics.VERSION_CHANGES, StageKey.format(change.jobId(), change.stage()), CODEC.encode(change),
                Map.of());
    }

    public static List<TriageVerdict> verdictsOf(String job) {
        return TopicContents.withKeyPrefix(Topics.VERDICTS, job + "/").stream()
                .map(record -> CODEC.decode(record.value(), TriageVerdict.class))
                .toList();
    }

    public static List<TriageVerdict> verdictsOf(String job, String changeId, int attempt) {
        return verdictsOf(job).stream()
                .filter(v -> v.changeId().equals(changeId) && v.attempt() == attempt)
                .toList();
    }

    public static TriageVerdict awaitVerdict(String job, String changeId, int attempt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TriageVerdict> found = verdictsOf(job, changeId, attempt).stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no verdict for " + changeId + " attempt " + attempt + " of " + job
                        + " within " + timeout);
            }
            sleep(100);
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            sleep(100);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
