package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * With no broker at all the REST API still answers from PostgreSQL: the packaged service becomes ready
 * (the launcher waits for /q/health/ready UP), jobctl's listing answers 200, and the consumers' state is
 * in the wellness check instead.
 */
class KafkaAwayIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withoutKafkaTheServiceIsReadyAndAnswersFromPostgres() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(KafkaAwayIT.class);
        int nobody;
        try (ServerSocket free = new ServerSocket(0)) {
            nobody = free.getLocalPort(); // closed again: nothing listens there
        }
        long start = System.nanoTime();
        try (ServiceProcess service = PackagedSnapshotService.start("snapshot-kafka-away", database, "kafka-away",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nobody))) {
            System.out.printf("ready without a broker after %.1f s%n", (System.nanoTime() - start) / 1e9);
            HttpResponse<String> stale = get(service, "/api/stale");
            assertEquals(200, stale.statusCode(), stale::body);
            HttpResponse<String> ready = get(service, "/q/health/ready");
            assertEquals(200, ready.statusCode(), ready::body);
            HttpResponse<String> well = get(service, "/q/health/well");
            assertTrue(well.body().contains("kafka-consumers-and-outbox"), well::body);
        }
    }

    private static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
