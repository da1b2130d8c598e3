package dev.stalewatch.notifier.support;

import java.util.Map;
import java.util.UUID;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.testkit.kafka.TestKafka;

/** ChangeDecided events as snapshot-service publishes them, and publishing them to the real broker. */
public final class Decisions {

    private static final EventCodec CODEC = new EventCodec();

    private Decisions() {
    }

    /** A job name no other test uses, so each test reads only its own pushes. */
    public static String uniqueJob(String hint) {
        return hint + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ChangeDecided semantic(String job, String stage) {
        return decided(job, stage, ChangeState.PENDING, Verdict.SEMANTIC, Method.LLM,
                "Changed the extraction prompt wording, which changes the output.");
    }

    public static ChangeDecided decided(String job, String stage, ChangeState state, Verdict verdict, Method method,
            String reason) {
        return ChangeDecided.create("c-" + UUID.randomUUID().toString().substring(0, 12), job, stage,
                "5b0d77aa01", "9a4e1c0b02", state, verdict, method, reason, 1200, null);
    }

    /** The same change decided again: a new event id (as a second publication would have). */
    public static ChangeDecided again(ChangeDecided d) {
        return ChangeDecided.create(d.changeId(), d.jobId(), d.stage(), d.oldHash(), d.newHash(), d.state(),
                d.verdict(), d.method(), d.reason(), d.staleItems(), d.author());
    }

    public static void publish(ChangeDecided decision) {
        TestKafka.produce(NotifierTopics.DECISIONS, decision.jobId() + "/" + decision.stage(), CODEC.encode(decision),
                Map.of());
    }

    /** All through one producer, so they reach the broker within milliseconds of each other. */
    public static void publishAll(java.util.List<ChangeDecided> decisions) {
        try (var producer = TestKafka.producer()) {
            for (ChangeDecided d : decisions) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(NotifierTopics.DECISIONS,
                        d.jobId() + "/" + d.stage(), CODEC.encode(d)));
            }
            producer.flush();
        }
    }

    public static String title(String job, String stage) {
        return "jobs: " + job + "/" + stage + " changed (semantic)";
    }
}
