package dev.stalewatch.notifier.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.NotifierTopics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.testkit.stub.PushoverStub;

/**
 * Two replicas, a Pushover that answers after 8 s, and a lease of 17 s that a claim of 20 rows would
 * outlast many times over: each replica claims only what it can start within its lease, so the two share
 * the work, no row expires unsent, and every push arrives exactly once.
 */
class SlowPushoverTwoReplicasIT {

    private static final int DELIVERIES = 40;
    private static final Duration PUSHOVER_ANSWERS_AFTER = Duration.ofSeconds(8);

    private static ServiceProcess.Builder replica(String name, TestDatabase database, PushoverStub stub, String group) {
        return NotifierProcesses.notifier(name, database, stub, group, Duration.ofMillis(200))
                .env("STALEWATCH_NOTIFIER_DELIVERY_CONNECT_TIMEOUT", "PT2S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_READ_TIMEOUT", "PT10S")
                .env("STALEWATCH_NOTIFIER_DELIVERY_LEASE", "PT17S"); // the shortest the notifier accepts here
    }

    @Test
    void slowPushoverAndTwoReplicasSendEveryPushExactlyOnce() {
        TestDatabase database = TestPostgres.freshDatabase(SlowPushoverTwoReplicasIT.class);
        String group = NotifierProcesses.uniqueGroup();
        try (PushoverStub stub = PushoverStub.start()) {
            stub.delayAnswers(PUSHOVER_ANSWERS_AFTER);
            List<ChangeDecided> decisions = new ArrayList<>();
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                jobs.add(Decisions.uniqueJob("slow" + i));
                decisions.add(Decisions.semantic(jobs.get(i), "score"));
            }
            // Only this test's decisions reach the group, all waiting before the first replica starts: it has
            // every delivery to itself until the second one is up.
            NotifierTopics.ensure();
            TestKafka.commitGroupAtEnd(group, NotifierTopics.DECISIONS);
            Decisions.publishAll(decisions);
            long start = System.nanoTime();
            try (ServiceProcess first = replica("notifier-slow-1", database, stub, group).start()) {
                stub.awaitRequests(1, Duration.ofSeconds(60));
                try (ServiceProcess second = replica("notifier-slow-2", database, stub, group).start()) {
                    // every delivery SENT: nothing is left that either replica could still send
                    Await.until("all " + DELIVERIES + " deliveries recorded as sent", Duration.ofSeconds(330),
                            () -> sentDeliveries(database), count -> count == DELIVERIES);
                    List<PushoverMessage> pushes = ours(stub, jobs);
                    Map<String, Integer> byTitle = new HashMap<>();
                    pushes.forEach(push -> byTitle.merge(push.title(), 1, Integer::sum));
                    List<String> twice = byTitle.entrySet().stream().filter(e -> e.getValue() > 1)
                            .map(Map.Entry::getKey).toList();
                    System.out.printf("slow Pushover, two replicas: %d deliveries, %d pushes, %d titles twice, "
                            + "%.0f s; sent by each: %d + %d; taken over and left: %d + %d%n", DELIVERIES,
                            pushes.size(), twice.size(), (System.nanoTime() - start) / 1e9, sent(first), sent(second),
                            takenOver(first), takenOver(second));
                    assertEquals(List.of(), twice, "pushes sent twice");
                    assertEquals(DELIVERIES, pushes.size());
                    assertTrue(sent(first) > 0 && sent(second) > 0, "the replicas did not share the work");
                    assertEquals(0, takenOver(first) + takenOver(second), "a claim outlasted its lease");
                }
            }
        }
    }

    private static List<PushoverMessage> ours(PushoverStub stub, List<String> jobs) {
        return stub.messages().stream().filter(push -> jobs.stream().anyMatch(job -> push.title().contains(job)))
                .toList();
    }

    private static int sent(ServiceProcess replica) {
        return replica.log().split("sent pushover push", -1).length - 1;
    }

    private static int takenOver(ServiceProcess replica) {
        return replica.log().split("was taken over by another sender", -1).length - 1;
    }

    private static long sentDeliveries(TestDatabase database) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FILTER (WHERE state = 'SENT'), count(*) "
                        + "FROM notifier.delivery")) {
            row.next();
            return row.getLong(1) == row.getLong(2) ? row.getLong(1) : -1;
        } catch (SQLException e) {
            return -1; // the schema may not exist yet
        }
    }
}
