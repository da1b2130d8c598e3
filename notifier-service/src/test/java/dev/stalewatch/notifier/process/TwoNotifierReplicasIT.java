package dev.stalewatch.notifier.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.testkit.stub.PushoverStub;

/**
 * Two packaged replicas on one database and one consumer group: each consumes part of the decisions, both
 * run a flusher and a delivery worker, and still each job gets exactly one digest push.
 */
class TwoNotifierReplicasIT {

    // the consumer coordinator logs its partition assignments at INFO; Quarkus quiets Kafka clients by default
    private static final String ASSIGNMENT_LOG =
            "quarkus.log.category.\"org.apache.kafka.clients.consumer.internals.ConsumerCoordinator\".level";
    private static final List<String> STAGES = List.of("extract", "clean", "score", "rank", "publish");

    // the first replica is assigned all partitions, then both get their share in the next generation
    private static int assignments(ServiceProcess replica) {
        return replica.log().split("Notifying assignor about the new Assignment", -1).length - 1;
    }

    @Test
    void twoReplicasSendOneDigestPushPerJob() {
        TestDatabase database = TestPostgres.freshDatabase(TwoNotifierReplicasIT.class);
        String group = NotifierProcesses.uniqueGroup();
        Duration window = Duration.ofSeconds(2);
        try (PushoverStub stub = PushoverStub.start();
                ServiceProcess first = NotifierProcesses.notifier("notifier-replica-1", database, stub, group, window)
                        .systemProperty(ASSIGNMENT_LOG, "INFO").start();
                ServiceProcess second = NotifierProcesses.notifier("notifier-replica-2", database, stub, group, window)
                        .systemProperty(ASSIGNMENT_LOG, "INFO").start()) {
            // both replicas own partitions before anything is published
            Await.until("both replicas assigned partitions", Duration.ofSeconds(30),
                    () -> assignments(first) + assignments(second), count -> count >= 3);
            String jobA = Decisions.uniqueJob("replicasA");
            String jobB = Decisions.uniqueJob("replicasB");
            List<ChangeDecided> decisions = new ArrayList<>();
            STAGES.forEach(stage -> decisions.add(Decisions.semantic(jobA, stage)));
            STAGES.forEach(stage -> decisions.add(Decisions.semantic(jobB, stage)));

            Decisions.publishAll(decisions);

            PushoverInbox.awaitForJob(stub, jobA, 1, Duration.ofSeconds(30));
            PushoverInbox.awaitForJob(stub, jobB, 1, Duration.ofSeconds(30));
            List<PushoverMessage> pushesA = PushoverInbox.settledForJob(stub, jobA, Duration.ofSeconds(4));
            List<PushoverMessage> pushesB = PushoverInbox.forJob(stub, jobB);
            assertEquals(1, pushesA.size(), () -> "job A: " + pushesA.stream().map(PushoverMessage::title).toList());
            assertEquals(1, pushesB.size(), () -> "job B: " + pushesB.stream().map(PushoverMessage::title).toList());
            assertEquals("jobs: " + jobA + ": 5 stages changed (semantic)", pushesA.get(0).title());
            STAGES.forEach(stage -> assertTrue(pushesB.get(0).message().contains(stage), pushesB.get(0).message()));
            assertTrue(first.log().contains("recorded for a push") && second.log().contains("recorded for a push"),
                    "both replicas consumed decisions");

            NotifierProcesses.assertNoCredentialsIn(first);
            NotifierProcesses.assertNoCredentialsIn(second);
        }
    }
}
