package dev.stalewatch.testkit.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatStubTest {

    private static final String REQUEST = """
        {"model":"gpt-4.1-mini","messages":[{"role":"system","content":"Judge."},{"role":"user","content":"Cosmetic?"}]}""";

    @Test
    void answersInTheChatCompletionsShapeAndRecordsTheRequest() throws Exception {
        try (OpenAiChatStub stub = OpenAiChatStub.start()) {
            stub.answerText("{\"verdict\":\"cosmetic\"}").finishReason("length");

            HttpResponse<String> response = Http.post(stub.endpoint(), "application/json", REQUEST,
                Map.of("Authorization", "Bearer sk-open"));

            assertEquals(200, response.statusCode());
            JsonNode body = Http.json(response);
            assertEquals("chat.completion", body.path("object").asText());
            assertTrue(body.path("id").asText().startsWith("chatcmpl-"));
            JsonNode choice = body.path("choices").get(0);
            assertEquals("{\"verdict\":\"cosmetic\"}", choice.path("message").path("content").asText());
            assertEquals("assistant", choice.path("message").path("role").asText());
            assertEquals("length", choice.path("finish_reason").asText());

            OpenAiChatRequest received = stub.received().get(0);
            assertEquals("sk-open", received.apiKey());
            assertEquals("gpt-4.1-mini", received.model());
            assertEquals("Judge.", received.lastText("system"));
            assertEquals("Cosmetic?", received.lastText("user"));
        }
    }

    @Test
    void refusesAMissingKeyAndFailsOnDemandInTheOpenAiErrorShape() throws Exception {
        try (OpenAiChatStub stub = OpenAiChatStub.start()) {
            HttpResponse<String> noKey = Http.post(stub.endpoint(), "application/json", REQUEST, Map.of());
            assertEquals(401, noKey.statusCode());
            assertEquals("invalid_api_key", Http.json(noKey).path("error").path("code").asText());

            stub.failWith(503);
            HttpResponse<String> down = Http.post(stub.endpoint(), "application/json", REQUEST,
                Map.of("Authorization", "Bearer sk-open"));
            assertEquals(503, down.statusCode());
            assertEquals("server_error", Http.json(down).path("error").path("type").asText());
        }
    }
}
