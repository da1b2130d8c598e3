package dev.stalewatch.testkit.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushoverStubTest {

    private static PushoverStub stub;

    @BeforeAll
    static void start() {
        stub = PushoverStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.answerNormally();
        stub.clearRequests();
        stub.expectToken(null).expectUser(null);
    }

    @Test
    void acceptsAFormEncodedPushAndRecordsItDecoded() throws Exception {
        Map<String, String> form = push("azToken", "uUser");
        form.put("title", "3 results went stale: é & ü");
        form.put("url", "http://localhost:8080/changes/42?x=1&y=2");
        form.put("url_title", "Change 42");
        form.put("priority", "1");

        HttpResponse<String> response = send(form);

        assertEquals(200, response.statusCode());
        JsonNode body = Http.json(response);
        assertEquals(1, body.path("status").asInt());
        UUID.fromString(body.path("request").asText());
        assertEquals("10000", response.headers().firstValue("X-Limit-App-Limit").orElseThrow());

        PushoverMessage received = stub.awaitMessages(1, Duration.ofSeconds(2)).get(0);
        assertEquals("azToken", received.token());
        assertEquals("uUser", received.user());
        assertEquals("semantic change in stage parse", received.message());
        assertEquals("3 results went stale: é & ü", received.title());
        assertEquals("http://localhost:8080/changes/42?x=1&y=2", received.url());
        assertEquals("Change 42", received.urlTitle());
        assertEquals(1, received.priority());
    }

    @Test
    void refusesMissingOrUnexpectedFieldsWithTheApiErrorShape() throws Exception {
        stub.expectUser("uRight");
        Map<String, String> form = push("azToken", "uWrong");
        form.remove("message");

        HttpResponse<String> response = send(form);

        assertEquals(400, response.statusCode());
        JsonNode body = Http.json(response);
        assertEquals(0, body.path("status").asInt());
        assertEquals("invalid", body.path("user").asText());
        assertEquals(2, body.path("errors").size());
        assertFalse(body.path("request").asText().isEmpty());
        assertEquals(1, stub.messages().size());
    }

    @Test
    void failWithGivesJsonFor4xxAndAnHtmlPageFor5xx() throws Exception {
        stub.failWith(429);
        HttpResponse<String> limited = send(push("t", "u"));
        assertEquals(429, limited.statusCode());
        assertEquals(0, Http.json(limited).path("status").asInt());
        assertTrue(Http.json(limited).path("errors").get(0).asText().contains("limit"));

        stub.failWith(500);
        HttpResponse<String> broken = send(push("t", "u"));
        assertEquals(500, broken.statusCode());
        assertThrows(JsonProcessingException.class, () -> Http.json(broken));
    }

    @Test
    void eachAcceptedPushGetsItsOwnRequestId() throws Exception {
        String first = Http.json(send(push("t", "u"))).path("request").asText();
        String second = Http.json(send(push("t", "u"))).path("request").asText();
        assertNotEquals(first, second);
    }

    private static Map<String, String> push(String token, String user) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("user", user);
        form.put("message", "semantic change in stage parse");
        return form;
    }

    private static HttpResponse<String> send(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return Http.post(stub.endpoint(), "application/x-www-form-urlencoded", body, Map.of());
    }
}
