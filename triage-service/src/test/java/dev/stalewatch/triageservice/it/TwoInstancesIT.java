package dev.stalewatch.triageservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.triageservice.support.PythonStages;
import dev.stalewatch.triageservice.support.SnapshotServiceStandIn;
import dev.stalewatch.triageservice.support.StageVersion;
import dev.stalewatch.triageservice.support.TriageScenario;

/** Two packaged instances share the work and the verdict cache: one LLM request for ten identical pairs. */
class TwoInstancesIT {

    private static final int PARTITIONS = 3;

    @Test
    void tenIdenticalPairsSentAtOnceToTwoInstancesAskTheLlmOnce() throws Exception {
        TriageProcesses.createTopics();
        TestDatabase database = TestPostgres.freshDatabase("triage_two");
        try (AnthropicStub anthropic = AnthropicStub.start(); SnapshotServiceStandIn snapshots = new SnapshotServiceStandIn()) {
            anthropic.expectApiKey(TriageProcesses.API_KEY);
            // slow enough that both instances are deciding the same pair at the same time
            anthropic.delayAnswers(Duration.ofMillis(1500));
            String nonce = TriageScenario.uniqueJob("two");
            StageVersion before = PythonStages.extract(nonce);
            StageVersion after = PythonStages.extractWithLogging(nonce);
            List<String> jobs = jobsOnEveryPartition(10);
            for (String job : jobs) {
                snapshots.put(job, "extract", before);
                snapshots.put(job, "extract", after);
            }
            String group = "triage-two-" + UUID.randomUUID();
            try (ServiceProcess a = TriageProcesses.launch("triage-a", database, anthropic, snapshots, group).start();
                 ServiceProcess b = TriageProcesses.launch("triage-b", database, anthropic, snapshots, group).start()) {
                TriageScenario.sleep(4000); // let the group settle: each instance owns partitions
                List<VersionChanged> changes = new ArrayList<>();
                for (String job : jobs) {
                    changes.add(TriageScenario.change(TriageScenario.nextChangeId(), 1, job, "extract", before, after));
                }
                Instant sent = Instant.now();
                changes.forEach(TriageScenario::publish);
                Instant lastDecided = sent;
                for (VersionChanged change : changes) {
                    TriageVerdict verdict = TriageScenario.awaitVerdict(change.jobId(), change.changeId(), 1,
                            Duration.ofSeconds(60));
                    assertEquals(Method.LLM, verdict.method());
                    assertEquals(Verdict.COSMETIC, verdict.verdict());
                    lastDecided = verdict.decidedAt().isAfter(lastDecided) ? verdict.decidedAt() : lastDecided;
                }
                System.out.println("[triage-it] 10 verdicts decided by two instances within "
                        + Duration.between(sent, lastDecided).toMillis() + " ms of sending (LLM stub answers in 1500 ms)");
                assertEquals(1, anthropic.received().size(), "one LLM request for ten identical pairs");
                assertTrue(decisions(a) > 0 && decisions(b) > 0, "both instances decided changes: "
                        + decisions(a) + " and " + decisions(b));

                String reverseJob = TriageScenario.uniqueJob("reverse");
                snapshots.put(reverseJob, "extract", before);
                snapshots.put(reverseJob, "extract", after);
                VersionChanged reversed = TriageScenario.change(TriageScenario.nextChangeId(), 1, reverseJob, "extract",
                        after, before);
                TriageScenario.publish(reversed);
                assertEquals(Method.LLM, TriageScenario.awaitVerdict(reverseJob, reversed.changeId(), 1,
                        Duration.ofSeconds(60)).method());
                assertEquals(1, anthropic.received().size(), "the reversed pair is answered from the cache");
                assertFalse(a.log().contains(TriageProcesses.API_KEY), "API key in the log of instance a");
                assertFalse(b.log().contains(TriageProcesses.API_KEY), "API key in the log of instance b");
            }
        }
    }

    /** Job names whose keys land on every partition, so both instances get work whatever their split. */
    private static List<String> jobsOnEveryPartition(int count) {
        List<String> jobs = new ArrayList<>();
        int[] perPartition = new int[PARTITIONS];
        while (jobs.size() < count) {
            String job = TriageScenario.uniqueJob("pair");
            int partition = Utils.toPositive(Utils.murmur2(StageKey.format(job, "extract")
                    .getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            int fair = (count + PARTITIONS - 1) / PARTITIONS;
            if (perPartition[partition] < fair) {
                perPartition[partition]++;
                jobs.add(job);
            }
        }
        return jobs;
    }

    private static long decisions(ServiceProcess service) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("stalewatch_triage_decisions_total{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
