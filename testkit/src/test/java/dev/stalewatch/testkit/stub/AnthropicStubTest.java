package dev.stalewatch.testkit.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicStubTest {

    private static final String REQUEST = """
        {"model":"claude-sonnet-4-5","max_tokens":256,"system":"You judge code changes.",
         "messages":[{"role":"user","content":"Is this change cosmetic?"}]}""";
    private static final Map<String, String> HEADERS = Map.of("x-api-key", "sk-test", "anthropic-version", "2023-06-01");

    private static AnthropicStub stub;

    @BeforeAll
    static void start() {
        stub = AnthropicStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.answerNormally();
        stub.clearRequests();
        stub.answerText(AnthropicStub.DEFAULT_ANSWER).stopReason("end_turn").expectApiKey(null);
    }

    @Test
    void answersInTheMessagesApiShapeAndRecordsTheRequest() throws Exception {
        stub.answerText("{\"verdict\":\"semantic\",\"reason\":\"the loop bound changed\"}");

        HttpResponse<String> response = call(HEADERS);

        assertEquals(200, response.statusCode());
        JsonNode body = Http.json(response);
        assertTrue(body.path("id").asText().startsWith("msg_"));
        assertEquals("message", body.path("type").asText());
        assertEquals("assistant", body.path("role").asText());
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertEquals("text", body.path("content").get(0).path("type").asText());
        assertEquals("{\"verdict\":\"semantic\",\"reason\":\"the loop bound changed\"}", body.path("content").get(0).path("text").asText());
        assertEquals("end_turn", body.path("stop_reason").asText());
        assertTrue(body.path("usage").path("input_tokens").asInt() > 0);

        AnthropicRequest received = stub.received().get(0);
        assertEquals("sk-test", received.apiKey());
        assertEquals("2023-06-01", received.anthropicVersion());
        assertEquals(256, received.maxTokens());
        assertEquals("You judge code changes.", received.system());
        assertEquals("Is this change cosmetic?", received.lastUserText());
    }

    @Test
    void stopReasonIsWhatTheTestSets() throws Exception {
        stub.stopReason("max_tokens");
        assertEquals("max_tokens", Http.json(call(HEADERS)).path("stop_reason").asText());
        stub.stopReason("refusal");
        assertEquals("refusal", Http.json(call(HEADERS)).path("stop_reason").asText());
    }

    @Test
    void refusesMissingOrWrongCredentialsAndVersionLikeTheRealApi() throws Exception {
        HttpResponse<String> noKey = call(Map.of("anthropic-version", "2023-06-01"));
        assertEquals(401, noKey.statusCode());
        assertEquals("authentication_error", Http.json(noKey).path("error").path("type").asText());

        stub.expectApiKey("sk-right");
        assertEquals(401, call(HEADERS).statusCode());

        HttpResponse<String> noVersion = call(Map.of("x-api-key", "sk-right"));
        assertEquals(400, noVersion.statusCode());
        assertEquals("invalid_request_error", Http.json(noVersion).path("error").path("type").asText());
        assertEquals(3, stub.received().size());
    }

    @Test
    void failWithAnswersTheApiErrorEnvelopeUntilToldOtherwise() throws Exception {
        stub.failWith(529);

        HttpResponse<String> overloaded = call(HEADERS);
        assertEquals(529, overloaded.statusCode());
        JsonNode error = Http.json(overloaded);
        assertEquals("error", error.path("type").asText());
        assertEquals("overloaded_error", error.path("error").path("type").asText());
        assertEquals(529, call(HEADERS).statusCode());

        stub.answerNormally();
        assertEquals(200, call(HEADERS).statusCode());
    }

    @Test
    void failNextFailsOnlyThatManyRequests() throws Exception {
        stub.failNext(2, 429);

        assertEquals(429, call(HEADERS).statusCode());
        assertEquals("rate_limit_error", Http.json(call(HEADERS)).path("error").path("type").asText());
        assertEquals(200, call(HEADERS).statusCode());
    }

    @Test
    void errorHeadersGoWithEveryErrorAnswerUntilAnsweringNormally() throws Exception {
        stub.errorHeader("retry-after", "99999999999");
        stub.errorHeader("retry-after-ms", "5");
        stub.failNext(1, 429);

        HttpResponse<String> limited = call(HEADERS);
        assertEquals(429, limited.statusCode());
        assertEquals("99999999999", limited.headers().firstValue("retry-after").orElse(null));
        assertEquals("5", limited.headers().firstValue("retry-after-ms").orElse(null));
        HttpResponse<String> answered = call(HEADERS);
        assertEquals(200, answered.statusCode());
        assertTrue(answered.headers().firstValue("retry-after").isEmpty(), "only error answers carry them");

        stub.answerNormally();
        stub.failWith(529);
        assertTrue(call(HEADERS).headers().firstValue("retry-after").isEmpty(), "answerNormally forgot them");
    }

    @Test
    void malformedAndTruncatedAnswersAreNotJson() throws Exception {
        stub.answerMalformed();
        HttpResponse<String> malformed = call(HEADERS);
        assertEquals(200, malformed.statusCode());
        assertThrows(JsonProcessingException.class, () -> Http.json(malformed));

        stub.answerTruncated();
        HttpResponse<String> truncated = call(HEADERS);
        assertEquals(200, truncated.statusCode());
        assertTrue(truncated.body().startsWith("{\"id\":\"msg_"), truncated.body());
        assertThrows(JsonProcessingException.class, () -> Http.json(truncated));
    }

    @Test
    void aDelayLongerThanTheClientTimeoutTimesTheClientOut() {
        stub.delayAnswers(Duration.ofSeconds(2));

        assertThrows(HttpTimeoutException.class, () -> Http.post(stub.endpoint(), "application/json", REQUEST, HEADERS,
            Duration.ofMillis(300)));
    }

    @Test
    void droppedConnectionsFailTheCall() {
        stub.dropConnections();

        assertThrows(IOException.class, () -> call(HEADERS));
        assertEquals(1, stub.received().size());
    }

    private static HttpResponse<String> call(Map<String, String> headers) throws Exception {
        return Http.post(stub.endpoint(), "application/json", REQUEST, headers);
    }
}
