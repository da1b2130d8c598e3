package dev.stalewatch.triageservice.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class AnthropicRequestBodyTest {

    private static final LlmPrompt PROMPT = new LlmPrompt("instructions", "material");

    @Test
    void withoutThinkingTheTemperatureIsZero() {
        ObjectNode body = AnthropicMessagesClient.requestBody(PROMPT, "claude-opus-5", 2048, ThinkingMode.parse("disabled"));
        assertEquals(0, body.get("temperature").asInt());
        assertEquals("disabled", body.path("thinking").path("type").asText());
        assertEquals(2048, body.get("max_tokens").asInt());
        assertEquals("instructions", body.get("system").asText());
        assertEquals("material", body.path("messages").get(0).path("content").asText());
    }

    @Test
    void withThinkingNoTemperatureIsSent() {
        ObjectNode budget = AnthropicMessagesClient.requestBody(PROMPT, "m", 2048, ThinkingMode.parse("8000"));
        assertFalse(budget.has("temperature"));
        assertEquals("enabled", budget.path("thinking").path("type").asText());
        assertEquals(8000, budget.path("thinking").path("budget_tokens").asInt());
        assertEquals(10048, budget.get("max_tokens").asInt(), "the answer's tokens come on top of the budget");

        ObjectNode adaptive = AnthropicMessagesClient.requestBody(PROMPT, "m", 2048, ThinkingMode.parse("adaptive"));
        assertFalse(adaptive.has("temperature"));
        assertEquals("adaptive", adaptive.path("thinking").path("type").asText());
    }

    @Test
    void onlyAFinishedTurnWithTextCounts() throws Exception {
        var json = HttpAttempts.JSON;
        Attempt done = AnthropicMessagesClient.read(json.readTree("{\"model\":\"m\",\"stop_reason\":\"end_turn\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\"},{\"type\":\"text\",\"text\":\"{}\"}]}"));
        assertEquals(new Attempt.Answered("{}", "m"), done);
        for (String stop : new String[] {"max_tokens", "refusal", "stop_sequence", "pause_turn"}) {
            Attempt cut = AnthropicMessagesClient.read(json.readTree("{\"stop_reason\":\"" + stop
                    + "\",\"content\":[{\"type\":\"text\",\"text\":\"{}\"}]}"));
            assertTrue(cut instanceof Attempt.Unusable, stop);
        }
    }
}
