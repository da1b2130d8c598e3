package dev.stalewatch.testkit.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path fixtureApp() {
        return Path.of(System.getProperty("stalewatch.fixture-app.dir", "fixture-app"));
    }

    @Test
    void startsThePackagedAppKillsItWithSigkillAndRestartsItOnTheSamePort() throws Exception {
        try (ServiceProcess service = ServiceProcess.fromModule(fixtureApp())
                 .systemProperty("fixture.greeting", "unused")
                 .maxHeap("64m")
                 .start()) {
            long firstPid = service.pid();
            assertEquals(Long.toString(firstPid), hello(service));

            service.kill9();

            assertFalse(service.isAlive());
            assertTrue(ProcessHandle.of(firstPid).map(p -> !p.isAlive()).orElse(true), "pid " + firstPid + " still alive");
            assertThrows(ConnectException.class, () -> hello(service));

            service.restart();

            long secondPid = service.pid();
            assertNotEquals(firstPid, secondPid);
            assertEquals(Long.toString(secondPid), hello(service));
            String log = service.log();
            assertTrue(log.contains("launch 1 of fixture-app") && log.contains("launch 2 of fixture-app"), log);
        }
    }

    @Test
    void stopEndsTheProcessGracefully() throws Exception {
        ServiceProcess service = ServiceProcess.fromModule(fixtureApp()).maxHeap("64m").start();
        long pid = service.pid();

        service.stop();

        assertFalse(service.isAlive());
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
    }

    @Test
    void aProcessThatDiesBeforeItIsReadyFailsAtOnceWithItsLog() throws IOException {
        Path notAJar = Files.createTempFile("not-a-service", ".jar");
        Files.writeString(notAJar, "this is not a jar");
        long started = System.nanoTime();

        IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> ServiceProcess.fromJar(notAJar).name("broken").readyTimeout(Duration.ofSeconds(60)).start());

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "waited for the timeout instead of failing fast");
        assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Invalid or corrupt jarfile"), failure.getMessage());
    }

    private static String hello(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + "/hello")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body().trim();
    }
}
