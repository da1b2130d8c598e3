package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The kind of call a production client makes, for the stub tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Http() {
    }

    static HttpResponse<String> post(URI uri, String contentType, String body, Map<String, String> headers) throws IOException, InterruptedException {
        return post(uri, contentType, body, headers, Duration.ofSeconds(10));
    }

    static HttpResponse<String> post(URI uri, String contentType, String body, Map<String, String> headers, Duration timeout)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }
}
