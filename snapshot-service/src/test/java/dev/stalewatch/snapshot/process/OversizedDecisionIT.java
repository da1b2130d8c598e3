package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * One oversized request cannot stop the packaged service: a bless whose reason is 3 MB is refused
 * (413, problem body) whether its size is declared or the body is chunked, nothing of it is stored
 * or published, and the next report still gets its VersionChanged within 5 s, with no event on a
 * topic twice.
 */
class OversizedDecisionIT {

    private static final String TOKEN = "alice-secret-token";
    private static final int THREE_MB = 3 * 1024 * 1024;
    private static final Duration VERSION_CHANGED_BOUND = Duration.ofSeconds(5);
    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBlessWithAThreeMegabyteReasonIsRefusedAndTheNextReportStillGetsItsVersionChangedWithinFiveSeconds()
            throws Exception {
        String job = "oversized-" + UUID.randomUUID().toString().substring(0, 8);
        String stage = "extract";
        PackagedSnapshotService.createTopics();
        TestDatabase database = TestPostgres.freshDatabase(OversizedDecisionIT.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (ServiceProcess service = PackagedSnapshotService.start("snapshot-service-oversized", database,
                "snapshot-service", Map.of("STALEWATCH_API_TOKENS", "alice:" + TOKEN));
                KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            publish(producer, report(job, stage, 1, 0));
            publish(producer, report(job, stage, 2, 1));
            VersionChanged first = awaitVersionChanged(job, ReportStream.hash(2), Duration.ofSeconds(30));
            publish(producer, verdict(first));
            PackagedSnapshotService.await("the change waits for a person", Duration.ofSeconds(30),
                    () -> "PENDING".equals(openChange(http, service, job).path("state").asText()));

            String blessUrl = service.baseUrl() + "/api/stages/" + job + "/" + stage + "/bless";
            byte[] hugeBless = ("{\"expectedCurrentHash\":\"" + ReportStream.hash(2) + "\",\"reason\":\""
                    + "r".repeat(THREE_MB) + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> declared = http1.send(post(blessUrl, HttpRequest.BodyPublishers.ofByteArray(hugeBless)),
                    HttpResponse.BodyHandlers.ofString());
            assertTooLarge(declared);
            HttpResponse<String> declaredH2 = http.send(post(blessUrl, HttpRequest.BodyPublishers.ofByteArray(hugeBless)),
                    HttpResponse.BodyHandlers.ofString());
            assertTooLarge(declaredH2);
            HttpResponse<String> chunked = http1.send(post(blessUrl, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(hugeBless))), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), "a chunked body over the limit: " + chunked.body());
            System.out.println("[OversizedDecisionIT] 3 MB bless, HTTP/1.1 with Content-Length: " + declared.statusCode()
                    + " " + declared.body() + "; HTTP/2: " + declaredH2.version() + " " + declaredH2.statusCode()
                    + "; HTTP/1.1 chunked: " + chunked.statusCode() + " '" + chunked.body() + "' "
                    + chunked.headers().map());

            assertTrue(service.isAlive(), "the service survived the oversized requests");
            assertEquals("PENDING", openChange(http, service, job).path("state").asText(), "nothing was blessed");
            assertEquals(0, PackagedSnapshotService.count(database,
                    "SELECT count(*) FROM snapshot.change_history WHERE length(reason) > 2000"), "no huge reason stored");

            Duration took = versionChangedDelayAfter(producer, report(job, stage, 3, 2), ReportStream.hash(3));
            System.out.println("[OversizedDecisionIT] VersionChanged of the next report after "
                    + took.toMillis() + " ms");
            assertTrue(took.compareTo(VERSION_CHANGED_BOUND) < 0, "VersionChanged after " + took.toMillis() + " ms");

            PackagedSnapshotService.await("outbox drained", Duration.ofSeconds(30), () -> PackagedSnapshotService
                    .count(database, "SELECT count(*) FROM snapshot.outbox WHERE sent_at IS NULL") == 0);
        }

        for (String topic : List.of(Topics.VERSION_CHANGES, Topics.CHANGE_DECISIONS)) {
            List<StalewatchEvent> events = OutputEvents.of(topic, job);
            assertTrue(!events.isEmpty(), topic + " has this job's events");
            assertEquals(events.size(), OutputEvents.distinctIds(events), "no event twice on " + topic);
        }
        OutputEvents.assertNoDuplicateEvent(OutputEvents.of(Topics.VERSION_CHANGES, job, VersionChanged.class,
                e -> true), e -> e.changeId() + "#" + e.attempt());
        OutputEvents.assertNoDuplicateEvent(OutputEvents.of(Topics.CHANGE_DECISIONS, job, ChangeDecided.class,
                e -> true), e -> e.changeId() + "#" + e.state());
    }

    private static void assertTooLarge(HttpResponse<String> response) throws Exception {
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(413, problem.path("status").asInt());
        assertEquals(2 * 1024 * 1024, problem.path("maxBodyBytes").asInt());
        assertTrue(problem.path("detail").asText().contains("max-body-size"), response.body());
    }

    private static HttpRequest post(String url, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(body).build();
    }

    private static JsonNode openChange(HttpClient http, ServiceProcess service, String job) throws Exception {
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/api/stale?job=" + job)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stale.statusCode(), stale.body());
        return JSON.readTree(stale.body()).path("pending").path(0).path("changes").path(0);
    }

    /** Publishes {@code report} and measures until its VersionChanged (to {@code newHash}) is on the topic. */
    private static Duration versionChangedDelayAfter(KafkaProducer<String, byte[]> producer, VersionObserved report,
            String newHash) throws Exception {
        var properties = TestKafka.consumerProperties();
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VERSION_CHANGES).stream()
                    .map(p -> new TopicPartition(Topics.VERSION_CHANGES, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long started = System.nanoTime();
            publish(producer, report);
            long deadline = started + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (CODEC.decode(record.value()) instanceof VersionChanged changed
                            && changed.jobId().equals(report.jobId()) && changed.newHash().equals(newHash)) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                }
            }
            throw new AssertionError("no VersionChanged to " + newHash + " within 30 s");
        }
    }

    private static VersionChanged awaitVersionChanged(String job, String newHash, Duration timeout) throws Exception {
        VersionChanged[] found = new VersionChanged[1];
        PackagedSnapshotService.await("VersionChanged to " + newHash, timeout, () -> {
            for (ConsumerRecord<byte[], byte[]> record : TopicContents.withKeyPrefix(Topics.VERSION_CHANGES, job + "/")) {
                VersionChanged changed = (VersionChanged) CODEC.decode(record.value());
                if (changed.newHash().equals(newHash)) {
                    found[0] = changed;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static VersionObserved report(String job, String stage, int version, int minute) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1)).plusSeconds(60L * minute);
        Map<String, Long> histogram = new HashMap<>();
        histogram.put(ReportStream.hash(1), 30L);
        histogram.put(ReportStream.hash(version), 10L * version);
        return new VersionObserved(UUID.randomUUID().toString(), 1, at, job, stage, ReportStream.hash(version),
                VersionHash.ALGORITHM, "python", ReportStream.source(version), List.of(),
                histogram, "worker-1");
    }

    private static TriageVerdict verdict(VersionChanged change) {
        return new TriageVerdict(UUID.randomUUID().toString(), 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                change.changeId(), change.attempt(), change.jobId(), change.stage(), change.oldHash(),
                change.newHash(), change.staleItems(), Verdict.SEMANTIC, Method.LLM, null, "the logic changed");
    }

    private static void publish(KafkaProducer<String, byte[]> producer, StalewatchEvent event) throws Exception {
        String topic = event instanceof TriageVerdict ? Topics.VERDICTS : Topics.VERSION_OBSERVED;
        producer.send(new ProducerRecord<>(topic, event.key(), CODEC.encode(event))).get();
    }
}
