package dev.stalewatch.notifier.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.messaging.concurrent.WorkerThreads;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.NotifierTestResources;

/** A worker thread that dies makes the service's liveness DOWN, naming it; the real workers keep it UP before. */
@QuarkusTest
@NotifierTestResources
class WorkerLivenessTest {

    private static final String THREAD = "liveness-test-worker";

    @Test
    void aWorkerThreadKilledByAnErrorMakesLivenessDownWithItsNameWithinFiveSeconds() {
        given().get("/q/health/live").then().statusCode(200)
                .body(containsString("notifier-delivery"), containsString("consumer-notifier-service"));
        AtomicBoolean stop = new AtomicBoolean();
        try {
            long start = System.nanoTime();
            WorkerThreads.start(THREAD, () -> {
                throw new OutOfMemoryError("injected");
            }, stop::get);
            Await.until("liveness DOWN", Duration.ofSeconds(5),
                    () -> given().get("/q/health/live").statusCode(), status -> status == 503);
            System.out.printf("liveness DOWN %d ms after the thread died%n", (System.nanoTime() - start) / 1_000_000);
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'worker-threads' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'worker-threads' }.data.'" + THREAD + "'",
                            containsString("java.lang.OutOfMemoryError: injected"));
        } finally {
            // the same name started again and stopped clears the death for the other tests of this JVM
            WorkerThreads.start(THREAD, () -> { }, () -> true);
        }
    }
}
