package dev.stalewatch.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a Quarkus service's SmallRye Health readiness endpoint whether it is UP. */
final class ReadinessProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final URI uri;

    ReadinessProbe(String baseUrl) {
        this.uri = URI.create(baseUrl + "/q/health/ready");
    }

    URI uri() {
        return uri;
    }

    boolean isUp() {
        try {
            HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
